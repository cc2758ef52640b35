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

    /** A standard normal sample (Box-Muller on this stream; no cached second value, so streams stay simple). */
    public double gaussian() {
        double u = 1.0 - random.nextDouble(); // (0, 1], so the log is finite
        double v = random.nextDouble();
        // StrictMath: Math.log and Math.cos may differ by an ulp between the interpreter and JIT intrinsics.
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * Math.PI * v);
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
