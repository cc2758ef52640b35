package org.sae4j.data;

/**
 * Rows [first, first + rows) of a reader as a table of their own, so a command can stream just the slice
 * train held out, or the first --limit rows, of a folder of shards without copying them.
 */
public final class RowSlice implements RowReader {
    private final RowReader reader;
    private final long first;
    private final long rows;
    private final String name;

    public RowSlice(RowReader reader, long first, long rows, String name) {
        if (first < 0 || rows < 0 || first + rows > reader.rows()) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + rows) + ") of " + reader.rows());
        }
        this.reader = reader;
        this.first = first;
        this.rows = rows;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int cols() {
        return reader.cols();
    }

    @Override
    public void read(long row, int n, float[] out, int offset) {
        if (row < 0 || n < 0 || row + n > rows) {
            throw new IndexOutOfBoundsException("rows [" + row + ", " + (row + n) + ") of " + rows);
        }
        reader.read(first + row, n, out, offset);
    }

    @Override
    public boolean hasOrigins() {
        return reader.hasOrigins();
    }

    @Override
    public void readOrigins(long row, int n, Origins into, int offset) {
        if (row < 0 || n < 0 || row + n > rows) {
            throw new IndexOutOfBoundsException("rows [" + row + ", " + (row + n) + ") of " + rows);
        }
        reader.readOrigins(first + row, n, into, offset);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (Exception e) {
            // closing a reader only releases a file handle
        }
    }
}
