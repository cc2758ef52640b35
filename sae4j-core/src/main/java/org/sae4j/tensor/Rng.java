package org.sae4j.tensor;

import java.util.SplittableRandom;

/**
 * Seeded random numbers. SplittableRandom's SplitMix64 generator is fully specified, so a seed gives the
 * same stream on every JDK; separate streams (initialisation, shuffling) are derived from one user seed so
 * that changing, say, the epoch count never changes the initial weights.
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A generator for one purpose, independent of the others derived from the same seed. */
    public static Rng forPurpose(long seed, String purpose) {
        return new Rng(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
    }

    public float uniform(float low, float high) {
        return (float) (low + (high - low) * random.nextDouble());
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return random.nextDouble();
    }

    /**
     * A standard normal draw (Marsaglia's polar method). StrictMath keeps log and sqrt bit-identical on every
     * JDK and CPU, so a seed gives the same Gaussians everywhere; the spare second draw is discarded so the
     * stream never depends on hidden state beyond the SplitMix64 position.
     */
    public double gaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Fills {@code out} with a uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
