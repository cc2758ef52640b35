package org.sae4j.data;

import org.sae4j.tensor.Rng;

/**
 * The rows of an in-memory dataset, reshuffled each pass by one generator, exactly as the trainer always did,
 * so a seed keeps giving the same order. The cursor is the count of rows served; restoring replays the
 * earlier passes' permutations, which is cheap next to training on them.
 */
public final class InMemorySource implements BatchSource {
    private final Dataset data;
    private final boolean shuffle;
    private final long seed;
    private final String purpose;
    private Rng rng;
    private int[] order;
    private long served;

    /** {@code purpose} names the shuffling stream, so a continued model does not replay earlier passes. */
    public InMemorySource(Dataset data, boolean shuffle, long seed, String purpose) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException("no rows");
        }
        this.data = data;
        this.shuffle = shuffle;
        this.seed = seed;
        this.purpose = purpose;
        restore(new long[] {0});
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public int cols() {
        return data.cols();
    }

    @Override
    public long epochRows() {
        return data.rows();
    }

    @Override
    public void fill(float[] out, int rows) {
        int cols = data.cols();
        for (int i = 0; i < rows; i++) {
            int at = (int) (served % data.rows());
            if (at == 0) {
                order = nextOrder();
            }
            System.arraycopy(data.values(), order[at] * cols, out, i * cols, cols);
            served++;
        }
    }

    @Override
    public long[] cursor() {
        return new long[] {served};
    }

    @Override
    public void restore(long[] cursor) {
        rng = Rng.forPurpose(seed, purpose);
        long passes = cursor[0] / data.rows();
        long within = cursor[0] % data.rows();
        // The pass in progress needs its permutation; finished ones only advance the generator.
        long replay = within == 0 ? passes : passes + 1;
        for (long p = 0; p < replay; p++) {
            order = nextOrder();
        }
        served = cursor[0];
    }

    private int[] nextOrder() {
        if (shuffle) {
            return rng.permutation(data.rows());
        }
        int[] p = new int[data.rows()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        return p;
    }
}
