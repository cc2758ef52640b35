package org.sae4j.eval.latents;

import org.sae4j.InvalidInputException;

/**
 * Every latent's histogram of its non-zero activations, built in one pass without knowing the range, whose
 * displayed bins are equal, start at 0, end just above the latent's maximum, and hold exact counts.
 *
 * <p>Why this design. Exact counts in bins whose edges depend on the maximum need either every value kept, or a
 * second pass once the maxima are known (a second encode of the whole source: as costly as the first), or edges
 * that the one pass can already count in. This class takes the third way. Each latent keeps {@code fine} =
 * {@code bins × }{@value #FINE_PER_BIN} fine bins of width 2^e (a power of two, so a value's fine bin
 * ⌊v·2^-e⌋ is computed without rounding); when a value reaches fine·2^e, e grows by one and neighbouring fine
 * bins add pairwise, which is again exact because ⌊v·2^-(e+1)⌋ = ⌊⌊v·2^-e⌋ / 2⌋. The range therefore ends below
 * twice the maximum, so the maximum lies in fine bin m ≥ fine / 2. At the end each displayed bin is c = ⌈(m+1) /
 * bins⌉ consecutive fine bins: {@code bins} equal bins of width c·2^e (exact in a double, as are their edges
 * b·c·2^e), whose counts are sums of exact counts, and whose top edge exceeds the maximum by less than c fine bins:
 * under 2·bins/fine = 10% of the maximum, so the last bins are the ones the largest activations fall into (the
 * old halving histogram left up to half its bins above the maximum). The price is {@value #FINE_PER_BIN}× the
 * memory of a plain histogram: 4 bytes × 1,000 fine bins per latent at the default 50 bins, 66 MB for 16k
 * latents, still latents × a constant and never rows.
 *
 * <p>Partials over different rows {@link #merge} exactly, in one step: a latent's exponent ends as the smallest e
 * with max < fine·2^e whatever the order of the values (it starts minimal for the first value and grows only when
 * a value needs it), a function of the maximum alone; so the partial with the smaller exponent doubles up to the
 * other's, which is the exponent of the merged maximum, and the counts add bin by bin.
 */
final class FineHistograms implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Fine bins per displayed bin: the top edge lies within 2 / FINE_PER_BIN of the maximum. */
    static final int FINE_PER_BIN = 20;
    private static final int UNSET = Integer.MIN_VALUE;

    private final int bins;
    private final int fine;
    private final int[] counts;
    private final int[] exponent;

    FineHistograms(int width, int bins) {
        this.bins = bins;
        this.fine = bins * FINE_PER_BIN;
        this.counts = new int[Math.multiplyExact(width, fine)];
        this.exponent = new int[width];
        java.util.Arrays.fill(exponent, UNSET);
    }

    /** Bytes held for {@code width} latents of {@code bins} displayed bins. */
    static long bytesFor(int width, int bins) {
        return (long) width * (bins * FINE_PER_BIN * 4L + 4);
    }

    /** Counts {@code v} (> 0, finite) for {@code latent}. */
    void add(int latent, float v) {
        double x = v;
        int e = exponent[latent];
        if (e == UNSET) {
            e = Math.getExponent(x) - 32 + Integer.numberOfLeadingZeros(fine); // about log2(v / fine)
            while (Math.scalb(x, -e) >= fine) {
                e++;
            }
            while (Math.scalb(x, -(e - 1)) < fine) {
                e--;
            }
        }
        while (Math.scalb(x, -e) >= fine) {
            merge(latent);
            e++;
        }
        exponent[latent] = e;
        int i = latent * fine + (int) Math.scalb(x, -e); // a positive double truncates to its floor
        if (counts[i] == Integer.MAX_VALUE) {
            throw tooMany(latent);
        }
        counts[i]++;
    }

    /** Fine bins pairwise into the lower half, the upper half emptied: the fine width doubles. */
    private void merge(int latent) {
        int base = latent * fine;
        for (int j = 0; j < fine / 2; j++) {
            long sum = (long) counts[base + 2 * j] + counts[base + 2 * j + 1];
            if (sum > Integer.MAX_VALUE) {
                throw tooMany(latent);
            }
            counts[base + j] = (int) sum;
        }
        java.util.Arrays.fill(counts, base + fine / 2, base + fine, 0);
    }

    /** Adds {@code other}'s counts (the same latents and bins, other rows) into these; {@code other} is consumed. */
    void merge(FineHistograms other) {
        if (other.fine != fine || other.exponent.length != exponent.length) {
            throw new IllegalArgumentException("histograms of other latents or bins merged");
        }
        for (int l = 0; l < exponent.length; l++) {
            int e = other.exponent[l];
            if (e == UNSET) {
                continue;
            }
            while (exponent[l] != UNSET && exponent[l] < e) {
                merge(l);
                exponent[l]++;
            }
            while (exponent[l] != UNSET && e < exponent[l]) {
                other.merge(l);
                e++;
            }
            exponent[l] = e;
            int base = l * fine;
            for (int i = 0; i < fine; i++) {
                long sum = (long) counts[base + i] + other.counts[base + i];
                if (sum > Integer.MAX_VALUE) {
                    throw tooMany(l);
                }
                counts[base + i] = (int) sum;
            }
        }
    }

    private static InvalidInputException tooMany(int latent) {
        return new InvalidInputException("Latent " + latent + " has more than 2,147,483,647 activations in one "
                + "histogram bin; expected a source of fewer tokens (browse a part of it with --limit).");
    }

    /** The latent's displayed histogram: {@code bins} equal bins from 0 to just above its maximum. */
    LatentProfiles.Histogram histogram(int latent) {
        long[] out = new long[bins];
        int e = exponent[latent];
        if (e == UNSET) {
            return new LatentProfiles.Histogram(out, 0);
        }
        int base = latent * fine;
        int m = fine - 1;
        while (counts[base + m] == 0) {
            m--;
        }
        int c = (m + bins) / bins; // ⌈(m + 1) / bins⌉ fine bins per displayed bin, so bins·c > m
        for (int i = 0; i <= m; i++) {
            out[i / c] += counts[base + i];
        }
        return new LatentProfiles.Histogram(out, Math.scalb((double) c, e));
    }
}
