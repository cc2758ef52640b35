package org.sae4j.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.sae4j.InvalidInputException;

/**
 * A dense table of samples: {@code rows} samples of {@code cols} features, row-major in {@code values}.
 * Labels are optional (null when the source has none) and only travel along for reports and probes.
 */
public record Dataset(String name, float[] values, int rows, int cols, int[] labels) {

    public Dataset {
        if (rows < 0 || cols <= 0 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException(
                    "dataset " + name + ": " + values.length + " values do not form " + rows + " x " + cols);
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException("dataset " + name + ": " + labels.length + " labels for " + rows + " rows");
        }
    }

    public Dataset(String name, float[] values, int rows, int cols) {
        this(name, values, rows, cols, null);
    }

    /**
     * The rows as a {@link RowReader} (a view, no copy), so code written for sources too large to load (one pass
     * of sparse codes, reading a row by index) takes data in memory too.
     */
    public RowReader asRows() {
        Dataset d = this;
        return new RowReader() {
            @Override
            public String name() {
                return d.name;
            }

            @Override
            public long rows() {
                return d.rows;
            }

            @Override
            public int cols() {
                return d.cols;
            }

            @Override
            public void read(long row, int n, float[] out, int offset) {
                if (row < 0 || n < 0 || row + n > d.rows) {
                    throw new IndexOutOfBoundsException("rows " + row + ".." + (row + n) + " of " + d.rows);
                }
                int from = Math.toIntExact(row * d.cols);
                System.arraycopy(d.values, from, out, offset, n * d.cols);
                // RowReader's contract (SparseChunks and every encode rely on it): a dataset built in memory through
                // the API has not passed requireFinite, so its rows are checked here as they are read.
                d.requireFinite(from, from + n * d.cols);
            }
        };
    }

    /** Copies the samples at the given row indices, in that order. */
    public Dataset select(int[] indices) {
        float[] out = new float[indices.length * cols];
        int[] outLabels = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * cols, out, i * cols, cols);
            if (outLabels != null) {
                outLabels[i] = labels[indices[i]];
            }
        }
        return new Dataset(name, out, indices.length, cols, outLabels);
    }

    /** Copies rows [from, to). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows);
        }
        return new Dataset(name, Arrays.copyOfRange(values, from * cols, to * cols), to - from, cols,
                labels == null ? null : Arrays.copyOfRange(labels, from, to));
    }

    /**
     * Rows [from, from + rows) as their own row-major copy, {@code rows * cols} values: what a model is handed one
     * chunk at a time (a model may keep or overwrite its input, so never a view of the dataset).
     */
    public record Chunk(int from, int rows, float[] values) {
    }

    /**
     * The rows in consecutive chunks of {@code chunkRows} (the last may be shorter), each copied only when the
     * iteration reaches it, so a whole dataset passes through a model with one chunk held at a time.
     */
    public Iterable<Chunk> chunks(int chunkRows) {
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunks of " + chunkRows + " rows");
        }
        return () -> new Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < rows;
            }

            @Override
            public Chunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = Math.min(chunkRows, rows - from);
                Chunk c = new Chunk(from, n, Arrays.copyOfRange(values, from * cols, (from + n) * cols));
                from += n;
                return c;
            }
        };
    }

    /** The first {@code n} rows, or all of them when there are fewer. */
    public Dataset limit(int n) {
        return n >= rows ? this : slice(0, n);
    }

    /** Throws a one-sentence error naming the first non-finite value, since NaN silently poisons training. */
    public Dataset requireFinite() {
        requireFinite(0, values.length);
        return this;
    }

    private void requireFinite(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(String.format(
                        "Data '%s' holds %s at row %d, column %d; expected finite numbers only.",
                        name, values[i], i / cols + 1, i % cols + 1));
            }
        }
    }

    /** Throws a one-sentence error unless every sample has {@code expected} features. */
    public Dataset requireCols(int expected, String what) {
        if (cols != expected) {
            throw new InvalidInputException(String.format(
                    "Data '%s' has %d features per sample but %s expects %d.", name, cols, what, expected));
        }
        return this;
    }
}
