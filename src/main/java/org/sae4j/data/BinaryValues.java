package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a run of fixed-width numbers into floats in bounded chunks, so a 47 MB image file never
 * needs a second full-size byte copy next to its float array.
 */
final class BinaryValues {
    private static final int CHUNK_BYTES = 1 << 16;

    private BinaryValues() {
    }

    /**
     * Fills {@code out} from the stream and returns how many whole values were found; fewer than
     * {@code out.length} means the stream ended early, which callers report as truncation.
     */
    static int readInto(InputStream in, NumberType type, ByteOrder order, float[] out) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES - CHUNK_BYTES % type.bytes];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(order);
        int filled = 0;
        while (filled < out.length) {
            int want = (int) Math.min(chunk.length, (long) (out.length - filled) * type.bytes);
            int got = in.readNBytes(chunk, 0, want);
            buf.clear();
            for (int n = got / type.bytes; n > 0; n--) {
                out[filled++] = type.next(buf);
            }
            if (got < want) {
                break;
            }
        }
        return filled;
    }

    /** True when the stream still holds bytes, i.e. the file is longer than its header promised. */
    static boolean hasMore(InputStream in) throws IOException {
        return in.read() != -1;
    }
}
