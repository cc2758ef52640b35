package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;
import org.sae4j.io.OutputLock;

/**
 * Two runs on one {@code -o}: the second refuses while the first lives (both used to report success, the later
 * silently winning); once the first is killed its lock is stale and the next run takes it over, removing the temp
 * files the killed run's saves left (a 302 MB checkpoint at width 16384) as it starts.
 */
class SameOutputTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunRefusesALiveOutputAndTheNextCleansUpAfterAKilledOne() throws Exception {
        Path out = dir.resolve("shared.safetensors");
        Process first = new ProcessBuilder(ChildJvm.command(List.of("-Xmx256m"), null, "org.sae4j.cli.Main", "train",
                "-q", "--arch", "topk", "--width", "96", "--k", "6", "--data", "synthetic:features=140,dim=30,seed=6",
                "--samples", "2M", "-o", out.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (first.isAlive() && !Files.exists(dir.resolve("shared.safetensors.ckpt")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(first.isAlive());
            CliTest.run("train", "--preset", "deep", "--limit", "300", "--epochs", "1", "-q", "-o", out.toString())
                    .assertUserError("Another sae4j run (pid " + first.pid() + ") is writing '" + out + "' now", "--out");
            assertTrue(first.isAlive(), "the refused run leaves the live one alone");
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertTrue(Files.exists(OutputLock.of(out)), "a killed run leaves its lock behind");

        // What a kill in the middle of a checkpoint write leaves, then a run that fails on its data once started.
        Path stray = Files.write(dir.resolve(".shared.safetensors.ckpt.4242.tmp"), new byte[1 << 20]);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2,3\n4,NaN,6\n7,8,9\n");
        CliTest.Run failed = CliTest.run("train", "--data", bad.toString(), "--encoder", "2", "--epochs", "1", "-q", "-o",
                out.toString());
        assertEquals(Main.USER_ERROR, failed.code(), failed.err());
        assertFalse(Files.exists(stray), "the killed save's temp file is removed when the next run starts");
        assertFalse(Files.exists(OutputLock.of(out)), "and that run's lock goes with it");
    }
}
