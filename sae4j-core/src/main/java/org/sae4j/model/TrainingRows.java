package org.sae4j.model;

import org.sae4j.data.Dataset;

/**
 * The one layout of a training row. An autoencoder's row is its input x, which is also its target. A transcoder's
 * row is [x | y]: the d_in values its encoder reads, then the d_out values its decoder must produce, so that the
 * data path (hold-out, shuffling, prefetching, normalising, partitioning) moves pairs as it moves rows and never
 * learns that a target exists; only the model splits them.
 */
public final class TrainingRows {
    private TrainingRows() {
    }

    /** The first {@code dIn} values of each of {@code batch} rows of {@code dIn + dOut}. */
    public static float[] inputs(float[] rows, int batch, int dIn, int dOut) {
        return block(rows, batch, dIn + dOut, 0, dIn);
    }

    /** The last {@code dOut} values of each of {@code batch} rows of {@code dIn + dOut}. */
    public static float[] targets(float[] rows, int batch, int dIn, int dOut) {
        return block(rows, batch, dIn + dOut, dIn, dOut);
    }

    private static float[] block(float[] rows, int batch, int rowSize, int from, int cols) {
        float[] out = new float[batch * cols];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(rows, r * rowSize + from, out, r * cols, cols);
        }
        return out;
    }

    /**
     * Training rows [x | y] from row-aligned inputs and targets; one sentence when they are not aligned. The pair is
     * named after the inputs, and keeps their labels.
     */
    public static Dataset pair(Dataset inputs, Dataset targets) {
        if (inputs.rows() != targets.rows()) {
            throw new org.sae4j.InvalidInputException(String.format("Input data '%s' has %,d rows but target data '%s' "
                    + "has %,d; expected one target row per input row, in the same order.", inputs.name(), inputs.rows(),
                    targets.name(), targets.rows()));
        }
        int dIn = inputs.cols();
        int dOut = targets.cols();
        int rowSize = dIn + dOut;
        float[] out = new float[Math.multiplyExact(inputs.rows(), rowSize)];
        for (int r = 0; r < inputs.rows(); r++) {
            System.arraycopy(inputs.values(), r * dIn, out, r * rowSize, dIn);
            System.arraycopy(targets.values(), r * dOut, out, r * rowSize + dIn, dOut);
        }
        return new Dataset(inputs.name() + " -> " + targets.name(), out, inputs.rows(), rowSize, inputs.labels());
    }
}
