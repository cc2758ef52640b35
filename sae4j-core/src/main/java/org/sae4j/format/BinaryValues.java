package org.sae4j.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.sae4j.Memory;

/**
 * Decodes a run of fixed-width numbers into floats in bounded chunks, so a 47 MB image file never needs a second
 * full-size byte copy next to its float array. Every reader of values (IDX, .npy, .safetensors data and model
 * files) goes through it.
 */
public final class BinaryValues {
    private static final int CHUNK_BYTES = 1 << 16;
    /** Values allocated before any arrive; larger arrays grow as the data proves to be there. */
    private static final int FIRST_CAPACITY = 1 << 20;

    private BinaryValues() {
    }

    /**
     * Fills {@code out} from the stream and returns how many whole values were found; fewer than
     * {@code out.length} means the stream ended early, which callers report as truncation.
     */
    public static int readInto(InputStream in, NumberType type, ByteOrder order, float[] out) throws IOException {
        return readInto(in, type, order, out, 0);
    }

    /** As {@link #readInto(InputStream, NumberType, ByteOrder, float[])} from index {@code from}; returns the end. */
    private static int readInto(InputStream in, NumberType type, ByteOrder order, float[] out, int from)
            throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES - CHUNK_BYTES % type.bytes()];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(order);
        int filled = from;
        while (filled < out.length) {
            int want = (int) Math.min(chunk.length, (long) (out.length - filled) * type.bytes());
            int got = in.readNBytes(chunk, 0, want);
            int n = got / type.bytes();
            type.decode(buf.clear(), out, filled, n);
            filled += n;
            if (got < want) {
                break;
            }
        }
        return filled;
    }

    /**
     * Reads up to {@code count} values, growing the array as the bytes actually arrive, so a header that
     * declares billions of values in a tiny (or gzipped) file is found truncated without allocating for
     * them. The result is shorter than {@code count} when the stream ended early.
     */
    public static float[] read(InputStream in, NumberType type, ByteOrder order, int count, String name)
            throws IOException {
        float[] out = new float[Math.min(count, FIRST_CAPACITY)];
        int filled = 0;
        while (true) {
            filled = readInto(in, type, order, out, filled);
            if (filled < out.length) {
                return Arrays.copyOf(out, filled);
            }
            if (out.length == count) {
                return out;
            }
            int next = (int) Math.min(count, 2L * out.length);
            Memory.require(4.0 * next, "Reading '" + name + "'");
            out = Arrays.copyOf(out, next);
        }
    }

    /** True when the stream still holds bytes, i.e. the file is longer than its header promised. */
    public static boolean hasMore(InputStream in) throws IOException {
        return in.read() != -1;
    }
}
