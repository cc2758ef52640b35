package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;
import org.sae4j.data.Shards;
import org.sae4j.data.TestShards;

/**
 * Issue 18, defect 1: one .npy larger than the heap trains by streaming, as a folder of shards does
 * ({@link LargerThanHeapTest}), where it used to be loaded whole and die of OutOfMemoryError; a run on it
 * stopped at its plan and extended with --resume equals one planned that long.
 */
class SingleLargeFileTrainTest {
    static final int COLS = 72;
    static final long ROWS = 290_000; // 83.5 MB of float32, over the 64 MiB threshold and the child's 64m heap

    @TempDir
    Path dir;

    @Test
    void aSingleNpyLargerThanTheHeapTrainsAndResumes() throws Exception {
        Path big = dir.resolve("big.npy");
        TestShards.write(big, ROWS, COLS, 19);
        assertTrue(Files.size(big) > Math.max(Shards.STREAM_FILE_BYTES, 64L << 20));
        Path out = dir.resolve("m.safetensors");
        ChildJvm.Result r = ChildJvm.sae4j("64m", "train", "--data", big.toString(), "--arch", "topk", "--width", "48",
                "--k", "6", "--samples", "60k", "--batch-size", "512", "--scale", "mean-norm", "-q", "-o", out.toString());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("streamed") && r.output().contains("model saved to"), r.output());
        assertFalse(r.output().contains("OutOfMemoryError"), r.output());

        String[] common = {"--data", big.toString(), "--arch", "topk", "--width", "40", "--k", "5", "--batch-size", "96",
            "--lr-warmup", "0", "--seed", "8", "--scale", "standardize", "-q"};
        Path whole = dir.resolve("whole.safetensors");
        assertEquals(0, CliTest.run(concat(new String[] {"train", "--samples", "7200", "-o",
            whole.toString()}, common)).code());
        Path part = dir.resolve("part.safetensors");
        assertEquals(0, CliTest.run(concat(new String[] {"train", "--samples", "2880", "-o",
            part.toString()}, common)).code());
        CliTest.Run rest = CliTest.run("train", "--resume", part.toString(), "--samples", "4320", "-q");
        assertEquals(0, rest.code(), rest.err());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(part), "the resumed run continues the same order");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
