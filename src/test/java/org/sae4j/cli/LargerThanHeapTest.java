package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;
import org.sae4j.data.NpyReader;

/** Streams a .npy file more than twice the size of the child JVM's heap through a full training pass. */
class LargerThanHeapTest {
    static final int COLS = 64;
    static final int ROWS = 1_200_000; // 307 MB of float32

    @TempDir
    Path dir;

    @Test
    void trainsOnAFileLargerThanTheHeap() throws Exception {
        Path data = dir.resolve("shards");
        Files.createDirectories(data);
        write(data.resolve("acts.npy"), ROWS, COLS);
        assertTrue(Files.size(data.resolve("acts.npy")) > 300_000_000L);
        Path out = dir.resolve("big.safetensors");
        ChildJvm.Result r = ChildJvm.sae4j("128m", "train", "--data", data.toString(), "--arch", "topk", "--width", "64",
                "--k", "8", "--epochs", "1", "--batch-size", "1024", "--scale", "none", "-q", "-o", out.toString());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("epoch 1/1"), r.output());
        assertTrue(Files.size(out) < 100_000, "the model file stays small");
        assertTrue(Files.exists(dir.resolve("big.safetensors.ckpt")));
    }

    /** Sparse non-negative rows: a few active coordinates each, as activations look. */
    static void write(Path file, long rows, int cols) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        header = header + " ".repeat(64 - (10 + header.length() + 1) % 64) + "\n";
        SplittableRandom random = new SplittableRandom(3);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.put(NpyReader.magic()).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes());
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
