package org.sae4j.cli;

import org.sae4j.data.TestShards;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;

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
        TestShards.write(data.resolve("acts.npy"), ROWS, COLS, 3);
        assertTrue(Files.size(data.resolve("acts.npy")) > 300_000_000L);
        Path out = dir.resolve("big.safetensors");
        ChildJvm.Result r = ChildJvm.sae4j("128m", "train", "--data", data.toString(), "--arch", "topk", "--width", "64",
                "--k", "8", "--epochs", "1", "--batch-size", "1024", "--scale", "none", "-q", "-o", out.toString());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("epoch 1/1"), r.output());
        assertTrue(Files.size(out) < 100_000, "the model file stays small");
        assertTrue(Files.exists(dir.resolve("big.safetensors.ckpt")));
    }
}
