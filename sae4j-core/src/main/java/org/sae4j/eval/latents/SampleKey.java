package org.sae4j.eval.latents;

/**
 * The random key that decides whether an example enters a reservoir: a hash of (seed, latent, row), so the sample
 * is a function of the rows alone, not of the order they arrive in. A reservoir keeps the examples of smallest key
 * (bottom-k sampling): a uniform sample without replacement, and two reservoirs over different rows merge into
 * exactly the reservoir of all their rows (the smallest k keys of a union are among the smallest k of each part),
 * so a cluster's partitions and one pass give the same examples.
 */
final class SampleKey {
    private SampleKey() {
    }

    /** The key of {@code row} for {@code latent}: SplitMix64's finaliser over the three numbers, unsigned order. */
    static long of(long seed, int latent, long row) {
        long z = seed * 0x9E3779B97F4A7C15L + latent * 0xC2B2AE3D27D4EB4FL + row * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Whether (key a, row ra) ranks before (key b, row rb): the smaller unsigned key, then the earlier row. */
    static boolean before(long a, long ra, long b, long rb) {
        int c = Long.compareUnsigned(a, b);
        return c < 0 || (c == 0 && ra < rb);
    }
}
