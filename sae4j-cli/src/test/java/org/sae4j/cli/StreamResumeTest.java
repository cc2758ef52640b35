package org.sae4j.cli;

import org.sae4j.data.TestShards;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed shards: a run stopped at its plan and extended with --resume equals one planned that long. */
class StreamResumeTest {
    @TempDir
    Path dir;

    @Test
    void extendingAStreamedRunMatchesOnePlannedThatLong() throws Exception {
        Path shards = dir.resolve("acts");
        Files.createDirectories(shards);
        TestShards.write(shards.resolve("part-0.npy"), 3000, 16, 1);
        TestShards.write(shards.resolve("part-1.npy"), 2000, 16, 2);
        String[] common = {"--data", shards + "/*.npy", "--arch", "topk", "--width", "32", "--k", "4", "--batch-size", "64",
            "--lr-warmup", "0", "--seed", "3", "-q"};
        CliTest.Run whole = CliTest.run(concat(new String[] {"train", "--samples", "9k", "-o", dir.resolve("whole.safetensors").toString()}, common));
        assertEquals(0, whole.code(), whole.err());
        Path part = dir.resolve("part.safetensors");
        CliTest.Run first = CliTest.run(concat(new String[] {"train", "--samples", "3840", "-o", part.toString()}, common));
        assertEquals(0, first.code(), first.err());
        CliTest.Run rest = CliTest.run("train", "--resume", part.toString(), "--samples", "5160", "-q");
        assertEquals(0, rest.code(), rest.err());
        assertTrue(rest.out().contains("Resuming"), rest.out());
        assertArrayEquals(Files.readAllBytes(dir.resolve("whole.safetensors")), Files.readAllBytes(part));
        CliTest.run("train", "--resume", part.toString()).assertUserError("already trained on all 9,000 samples");
    }

    @Test
    void theSyntheticGeneratorStreamsEndlesslyAndResumesAtItsPosition() throws Exception {
        String[] common = {"--data", "synthetic:features=64,dim=16,active=3,samples=2000,seed=1", "--arch", "topk",
            "--width", "32", "--k", "4", "--batch-size", "64", "--lr-warmup", "0", "-q"};
        Path whole = dir.resolve("whole.safetensors");
        CliTest.Run w = CliTest.run(concat(new String[] {"train", "--samples", "3000", "-o", whole.toString()}, common));
        assertEquals(0, w.code(), w.err());
        assertTrue(w.out().contains("streamed") && w.out().contains("epoch 1/1"), w.out());
        Path part = dir.resolve("part.safetensors");
        assertEquals(0, CliTest.run(concat(new String[] {"train", "--samples", "1536", "-o", part.toString()}, common)).code());
        CliTest.Run rest = CliTest.run("train", "--resume", part.toString(), "--samples", "1464", "-q");
        assertEquals(0, rest.code(), rest.err());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(part));
    }

    @Test
    void badSampleCountsAndFlagsAreRefused() {
        CliTest.Run r = CliTest.run("train", "--samples", "5Q");
        assertTrue(r.err().contains("'5Q' is not a sample count"), r.err());
        assertEquals(50_000_000L, SampleCount.parse("50M"));
        assertEquals(2_500L, SampleCount.parse("2.5k"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
