package org.sae4j.data;

/** Applies a fitted normaliser to each batch as it is served, since streamed data is never normalised whole. */
public final class NormalizedSource implements BatchSource {
    private final BatchSource raw;
    private final Normalizer normalizer;

    public NormalizedSource(BatchSource raw, Normalizer normalizer) {
        this.raw = raw;
        this.normalizer = normalizer;
    }

    @Override
    public String name() {
        return raw.name();
    }

    @Override
    public int cols() {
        return raw.cols();
    }

    @Override
    public long epochRows() {
        return raw.epochRows();
    }

    @Override
    public void fill(float[] out, int rows) {
        raw.fill(out, rows);
        normalizer.applyInPlace(out, rows * raw.cols());
    }

    @Override
    public boolean hasOrigins() {
        return raw.hasOrigins();
    }

    @Override
    public void fill(float[] out, int rows, Origins origins) {
        raw.fill(out, rows, origins);
        normalizer.applyInPlace(out, rows * raw.cols());
    }

    @Override
    public long[] cursor() {
        return raw.cursor();
    }

    @Override
    public void restore(long[] cursor) {
        raw.restore(cursor);
    }

    @Override
    public void close() {
        raw.close();
    }
}
