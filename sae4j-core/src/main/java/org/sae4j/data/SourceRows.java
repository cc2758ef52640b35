package org.sae4j.data;

/**
 * One pass of a {@link BatchSource} read as a {@link RowReader} that only goes forward: rows [0, epochRows) in the
 * order the source serves them, each read exactly once and in turn. It lets a command that reads tables (encode,
 * eval) take a source that only streams, such as a language model captured as it is read ({@code --data lm:...},
 * unshuffled), and keeps the origins of the rows its last read returned, taken in the same call as their values.
 */
public final class SourceRows implements RowReader {
    private final BatchSource source;
    private final long rows;
    private long next;
    private long lastRow;
    private Origins last;

    public SourceRows(BatchSource source) {
        if (source.epochRows() == BatchSource.ENDLESS) {
            throw new IllegalArgumentException("'" + source.name() + "' is endless");
        }
        this.source = source;
        this.rows = source.epochRows();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int cols() {
        return source.cols();
    }

    @Override
    public void read(long row, int n, float[] out, int offset) {
        if (row != next || n < 0 || row + n > rows) {
            throw new IllegalStateException("'" + source.name() + "' is read forward once: rows [" + row + ", " + (row + n)
                    + ") asked, row " + next + " next of " + rows);
        }
        float[] x = offset == 0 ? out : new float[n * cols()];
        last = source.hasOrigins() ? Origins.of(n) : null;
        source.fill(x, n, last);
        if (x != out) {
            System.arraycopy(x, 0, out, offset, n * cols());
        }
        lastRow = row;
        next = row + n;
    }

    @Override
    public boolean hasOrigins() {
        return source.hasOrigins();
    }

    /** The origins of rows within the last read. */
    @Override
    public void readOrigins(long row, int n, Origins into, int offset) {
        if (last == null || row < lastRow || row + n > lastRow + last.capacity()) {
            throw new IllegalStateException("origins of rows [" + row + ", " + (row + n) + ") asked after reading from row " + lastRow);
        }
        int from = (int) (row - lastRow);
        System.arraycopy(last.docs(), from, into.docs(), offset, n);
        System.arraycopy(last.positions(), from, into.positions(), offset, n);
        System.arraycopy(last.tokens(), from, into.tokens(), offset, n);
    }

    @Override
    public void close() {
        source.close();
    }
}
