package org.sae4j.data;

/** Random access to a fixed table of rows that need not fit in memory (shards on disk, a seekable stream). */
public interface RowReader extends AutoCloseable {
    String name();

    long rows();

    int cols();

    /** Copies rows [row, row + n) into {@code out} from {@code offset}, refusing non-finite values with a sentence. */
    void read(long row, int n, float[] out, int offset);

    /** True when the rows are tokens of documents whose origins {@link #readOrigins} gives (an activation store). */
    default boolean hasOrigins() {
        return false;
    }

    /**
     * The (document, position, token) of rows [row, row + n) into {@code into} from {@code offset}. Only for a reader
     * with {@link #hasOrigins()}; a reader that can only go forward gives those of the rows its last read returned.
     */
    default void readOrigins(long row, int n, Origins into, int offset) {
        throw new UnsupportedOperationException("'" + name() + "' has no origins: its rows are not tokens of documents");
    }

    /**
     * The rows in consecutive chunks of {@code chunkRows}, each read only when the iteration reaches it: the one
     * chunk loop over data that does not fit in memory, as {@link Dataset#chunks} is over data that does.
     */
    default Iterable<Dataset.Chunk> chunks(int chunkRows) {
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunks of " + chunkRows + " rows");
        }
        if (rows() > Integer.MAX_VALUE) {
            throw new org.sae4j.InvalidInputException(String.format("Data '%s' has %,d rows; expected at most %,d "
                    + "for one pass (give --limit).", name(), rows(), Integer.MAX_VALUE));
        }
        return () -> new java.util.Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < rows();
            }

            @Override
            public Dataset.Chunk next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                int n = (int) Math.min(chunkRows, rows() - from);
                float[] x = new float[n * cols()];
                read(from, n, x, 0);
                Dataset.Chunk c = new Dataset.Chunk(from, n, x);
                from += n;
                return c;
            }
        };
    }

    @Override
    default void close() {
    }
}
