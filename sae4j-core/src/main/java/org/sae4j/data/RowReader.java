package org.sae4j.data;

/** Random access to a fixed table of rows that need not fit in memory (shards on disk, a seekable stream). */
public interface RowReader extends AutoCloseable {
    String name();

    long rows();

    int cols();

    /** Copies rows [row, row + n) into {@code out} from {@code offset}, refusing non-finite values with a sentence. */
    void read(long row, int n, float[] out, int offset);

    @Override
    default void close() {
    }
}
