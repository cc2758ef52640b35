package org.sae4j.eval.probe;

import java.util.Arrays;

/**
 * Probe features as compressed rows (CSR): an SAE's latents are mostly zero, and so are many pixels, so the
 * probe's cost follows the non-zeros rather than the width.
 */
public final class SparseRows {
    final int rows;
    final int dim;
    final int[] rowStart;
    final int[] index;
    final float[] value;

    SparseRows(int rows, int dim, int[] rowStart, int[] index, float[] value) {
        this.rows = rows;
        this.dim = dim;
        this.rowStart = rowStart;
        this.index = index;
        this.value = value;
    }

    /** Keeps the non-zero entries of a dense row-major table. */
    public static SparseRows ofDense(float[] values, int rows, int dim) {
        Builder b = new Builder(dim);
        for (int r = 0; r < rows; r++) {
            b.addDenseRow(values, r * dim);
        }
        return b.build();
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** The given rows, in that order. */
    SparseRows select(int[] rowsWanted) {
        Builder b = new Builder(dim);
        for (int r : rowsWanted) {
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                b.add(index[i], value[i]);
            }
            b.endRow();
        }
        return b.build();
    }

    /** Only the columns {@code cols}, renumbered 0..cols.length-1 in that order. */
    SparseRows columns(int[] cols) {
        int[] newIndex = new int[dim];
        Arrays.fill(newIndex, -1);
        for (int k = 0; k < cols.length; k++) {
            newIndex[cols[k]] = k;
        }
        Builder b = new Builder(cols.length);
        for (int r = 0; r < rows; r++) {
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                int c = newIndex[index[i]];
                if (c >= 0) {
                    b.add(c, value[i]);
                }
            }
            b.endRow();
        }
        return b.build();
    }

    /** Appends rows one at a time. */
    public static final class Builder {
        private final int dim;
        private int rows;
        private int[] rowStart = new int[64];
        private int[] index = new int[1024];
        private float[] value = new float[1024];
        private int size;

        public Builder(int dim) {
            this.dim = dim;
        }

        public void addDenseRow(float[] values, int offset) {
            for (int j = 0; j < dim; j++) {
                if (values[offset + j] != 0f) {
                    add(j, values[offset + j]);
                }
            }
            endRow();
        }

        void add(int column, float v) {
            if (size == index.length) {
                index = Arrays.copyOf(index, size * 2);
                value = Arrays.copyOf(value, size * 2);
            }
            index[size] = column;
            value[size++] = v;
        }

        void endRow() {
            if (rows + 2 > rowStart.length) {
                rowStart = Arrays.copyOf(rowStart, rowStart.length * 2);
            }
            rowStart[++rows] = size;
        }

        public SparseRows build() {
            return new SparseRows(rows, dim, Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(index, size),
                    Arrays.copyOf(value, size));
        }
    }
}
