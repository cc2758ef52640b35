package org.sae4j.data;

import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.data.synthetic.SyntheticStream;

/**
 * The synthetic generator as an endless stream of training rows. Samples are generated from their index,
 * so the cursor is that index; the first {@code heldOut} samples are the validation rows and never train.
 */
public final class SyntheticSource implements BatchSource {
    private final SyntheticStream stream;
    private final String name;

    public SyntheticSource(SyntheticSpec spec, String name, long heldOut) {
        this.stream = spec.stream();
        this.name = name;
        stream.seek(spec.start() + heldOut);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int cols() {
        return stream.dim();
    }

    @Override
    public long epochRows() {
        return ENDLESS;
    }

    @Override
    public void fill(float[] out, int rows) {
        stream.next(out, rows);
    }

    @Override
    public long[] cursor() {
        return new long[] {stream.position()};
    }

    @Override
    public void restore(long[] cursor) {
        stream.seek(cursor[0]);
    }
}
