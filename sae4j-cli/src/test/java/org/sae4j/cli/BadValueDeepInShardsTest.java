package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.TestShards;

/**
 * Issue 18, defect 6: a NaN or an infinity far into a BF16 shard folder (past the normaliser's sample, past the first
 * shuffle-buffer fill, so the prefetch queue is full when the reader meets it) ends train and sweep within seconds
 * with one line naming the file, row and column; it used to leave them waiting for good.
 */
class BadValueDeepInShardsTest {
    @TempDir
    Path dir;

    /** 4 x 8,000 x 256 BF16: the sample takes every third of the first 24,576 rows, the buffer 16,384 at a time. */
    private Path folder() throws Exception {
        Path acts = dir.resolve("acts");
        Files.createDirectories(acts);
        for (int s = 0; s < 4; s++) {
            TestShards.writeBf16(acts.resolve("shard-" + s + ".safetensors"), 8_000, 256, 3.7, 100 + s);
        }
        return acts;
    }

    private static CliTest.Run within(Duration limit, String... args) {
        return assertTimeoutPreemptively(limit, () -> CliTest.run(args), "the run hung on a bad value");
    }

    @Test
    void trainStopsOnANanInTheThirdShard() throws Exception {
        Path acts = folder();
        TestShards.poison(acts.resolve("shard-2.safetensors"), 5_001, 130, Float.NaN); // global row 21,001
        Path out = dir.resolve("m.safetensors");
        CliTest.Run r = within(Duration.ofSeconds(60), "train", "--arch", "topk", "--width", "192", "--k", "12",
                "--data", acts.toString(), "--samples", "20k", "--batch-size", "128", "--scale", "mean-norm", "-q",
                "-o", out.toString());
        r.assertUserError("shard-2.safetensors", "NaN", "row 5002", "column 131");
        assertFalse(Files.exists(out), "no model from a run that met a bad value");
    }

    @Test
    void sweepStopsOnAnInfinityInTheLastShard() throws Exception {
        Path acts = folder();
        TestShards.poison(acts.resolve("shard-3.safetensors"), 2_002, 6, Float.POSITIVE_INFINITY); // global row 26,002
        CliTest.Run r = within(Duration.ofSeconds(60), "sweep", "--arch", "topk", "--width", "96", "--over", "k=4,9",
                "--data", acts + "/shard-*", "--samples", "30k", "--batch-size", "160", "--scale", "mean-norm", "-q",
                "-o", dir.resolve("sweep").toString());
        r.assertUserError("shard-3.safetensors", "Infinity", "row 2003", "column 7");
    }
}
