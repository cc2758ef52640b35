package org.sae4j.eval;

/**
 * A histogram of log10 feature density over the latents that fired at least once: {@code counts[b]} latents
 * have log10(density) in [edges[b], edges[b+1]) (the last bin includes its right edge, density 1). Dead latents
 * (density 0, log10 = -infinity) are counted in {@code dead} rather than in a bin.
 */
public record DensityHistogram(double[] edges, long[] counts, long dead) {

    public DensityHistogram {
        if (edges.length != counts.length + 1) {
            throw new IllegalArgumentException(edges.length + " edges for " + counts.length + " bins");
        }
    }

    public int bins() {
        return counts.length;
    }

    /** Edges and counts written out (a record's default would print array addresses). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DensityHistogram[");
        for (int b = 0; b < counts.length; b++) {
            sb.append(b > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "[%.2f, %.2f%s: %d",
                    edges[b], edges[b + 1], b == counts.length - 1 ? "]" : ")", counts[b]));
        }
        return sb.append(", dead: ").append(dead).append(']').toString();
    }

    /** Latents placed in bins (the alive ones). */
    public long alive() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}
