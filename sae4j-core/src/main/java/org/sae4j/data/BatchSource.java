package org.sae4j.data;

/**
 * Training rows served batch by batch, in an order fixed by the seed, without holding the data in memory
 * unless it already is. The rows form passes (epochs) of {@link #epochRows()} rows each; a source serves one
 * pass after another. {@link #cursor()} and {@link #restore} let a checkpointed run continue at exactly the
 * row it stopped at.
 */
public interface BatchSource extends AutoCloseable {
    /** An endless stream has no passes; {@link #epochRows()} returns this. */
    long ENDLESS = Long.MAX_VALUE;

    String name();

    /** Values per row. */
    int cols();

    /** Rows per pass over the data, or {@link #ENDLESS}. */
    long epochRows();

    /** Fills {@code out[0, rows * cols)} with the next {@code rows} rows; callers never cross a pass boundary. */
    void fill(float[] out, int rows);

    /** True when the rows are tokens of documents, so {@link #fill(float[], int, Origins)} can say where each came from. */
    default boolean hasOrigins() {
        return false;
    }

    /**
     * As {@link #fill(float[], int)}, and, when {@code origins} is not null, the (document, position, token) of each of
     * those rows into {@code origins[0, rows)}, in the same call, so that reading ahead keeps values and origins
     * together. Only for a source with {@link #hasOrigins()}.
     */
    default void fill(float[] out, int rows, Origins origins) {
        if (origins != null) {
            throw new UnsupportedOperationException("'" + name() + "' has no origins: its rows are not tokens of documents");
        }
        fill(out, rows);
    }

    /** The position after the rows served so far, as plain numbers a checkpoint can store. */
    long[] cursor();

    /** Continues from a position {@link #cursor()} returned for a source over the same data and seed. */
    void restore(long[] cursor);

    @Override
    default void close() {
    }
}
