package org.sae4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.sae4j.format.NpyHeader;

/** Writes .npy shards of generated activations for the streaming tests and the shard benchmark. */
public final class TestShards {
    private TestShards() {
    }

    /** Sparse non-negative rows: a few active coordinates each, as activations look. */
    public static void write(Path file, long rows, int cols, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.put(NpyHeader.float32Matrix(rows, cols));
            for (long r = 0; r < rows; r++) {
                if (b.remaining() < cols * 4) {
                    b.flip();
                    ch.write(b);
                    b.clear();
                }
                for (int c = 0; c < cols; c++) {
                    b.putFloat(random.nextInt(8) == 0 ? (float) random.nextDouble() : 0f);
                }
            }
            b.flip();
            ch.write(b);
        }
    }
}
