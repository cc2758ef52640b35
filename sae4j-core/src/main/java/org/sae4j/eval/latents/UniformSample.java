package org.sae4j.eval.latents;

import java.util.SplittableRandom;

/**
 * A uniform sample of each latent's firing examples (reservoir sampling, Algorithm R): sorted by activation and
 * cut into equal-count groups it gives delphi's quantile groups, the examples at each rank range, from one pass
 * without knowing the quantiles in advance.
 */
final class UniformSample {
    private final int size;
    private final int slotsPerLatent;
    private final int offset;
    private final long[] seen;
    private final SplittableRandom random;

    /** Latent l keeps its sample in slots {@code l·slotsPerLatent + offset + 0..size-1}. */
    UniformSample(int width, int size, int slotsPerLatent, int offset, long seed) {
        this.size = size;
        this.slotsPerLatent = slotsPerLatent;
        this.offset = offset;
        this.seen = new long[width];
        this.random = new SplittableRandom(seed);
    }

    /** Returns the slot to store the example in, or -1 when the sample passes it over. */
    int offer(int latent) {
        long n = ++seen[latent];
        if (size == 0) {
            return -1;
        }
        long pick = n <= size ? n - 1 : random.nextLong(n);
        return pick < size ? latent * slotsPerLatent + offset + (int) pick : -1;
    }

    /** The slots holding latent {@code latent}'s sample. */
    int[] slots(int latent) {
        int n = (int) Math.min(size, seen[latent]);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = latent * slotsPerLatent + offset + i;
        }
        return s;
    }
}
