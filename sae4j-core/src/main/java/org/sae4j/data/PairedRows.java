package org.sae4j.data;

import org.sae4j.InvalidInputException;

/**
 * Two row-aligned tables read as one, row i being [inputs row i | targets row i]: a transcoder's training rows
 * (the model splits them again), streamed from two stores or folders as a single table would be, so the hold-out,
 * the sample and the shuffle keep each input with its target.
 */
public final class PairedRows implements RowReader {
    private final RowReader inputs;
    private final RowReader targets;
    private float[] x = new float[0];
    private float[] y = new float[0];

    public PairedRows(RowReader inputs, RowReader targets) {
        if (inputs.rows() != targets.rows()) {
            throw new InvalidInputException(String.format("Data '%s' has %,d rows but the target data '%s' has %,d; "
                    + "expected one target row for every input row.", inputs.name(), inputs.rows(), targets.name(),
                    targets.rows()));
        }
        this.inputs = inputs;
        this.targets = targets;
    }

    @Override
    public String name() {
        return inputs.name() + " -> " + targets.name();
    }

    @Override
    public long rows() {
        return inputs.rows();
    }

    @Override
    public int cols() {
        return inputs.cols() + targets.cols();
    }

    @Override
    public void read(long row, int n, float[] out, int offset) {
        int dx = inputs.cols();
        int dy = targets.cols();
        if (x.length < n * dx) {
            x = new float[n * dx];
        }
        if (y.length < n * dy) {
            y = new float[n * dy];
        }
        inputs.read(row, n, x, 0);
        targets.read(row, n, y, 0);
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, r * dx, out, offset + r * (dx + dy), dx);
            System.arraycopy(y, r * dy, out, offset + r * (dx + dy) + dx, dy);
        }
    }

    @Override
    public void close() {
        try (RowReader a = inputs; RowReader b = targets) {
            // both closed, the targets even when the inputs' close fails
        } catch (Exception e) {
            // closing a reader only releases file handles
        }
    }
}
