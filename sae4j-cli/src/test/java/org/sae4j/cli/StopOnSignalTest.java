package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;
import org.sae4j.data.TestShards;

/**
 * SIGTERM (what Process.destroy sends) and Ctrl-C's SIGINT in the middle of a run: the run saves the state of
 * that moment, says in one line how to continue, exits with the signal's status, and the resumed run ends with the
 * bytes of a run never interrupted. The signal is sent once the run's first checkpoint exists, so it lands while
 * the loop runs; what is asserted holds wherever in the run it lands.
 */
class StopOnSignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermSavesTheMomentOfASamplesRunWithoutCheckpointEvery() throws Exception {
        stopAndResume(false, "--arch", "topk", "--width", "160", "--k", "5", "--data",
                "synthetic:features=260,dim=40,active=4,dist=zipf,coeffmax=2,seed=9", "--samples", "100k",
                "--batch-size", "128");
    }

    @Test
    void sigintSavesTheMomentOfAnEpochRunOnAFile() throws Exception {
        Path npy = dir.resolve("acts.npy");
        TestShards.write(npy, 6000, 24, 5);
        stopAndResume(true, "--data", npy.toString(), "--encoder", "48,12", "--activation", "tanh", "--l1-activity",
                "1e-4", "--epochs", "30", "--batch-size", "16", "--scale", "standardize");
    }

    /** A standard SAE at a target L0 searches its coefficient; the signal lands in that search (or in the run kept). */
    @Test
    void sigtermInACoefficientSearchKeepsItsFinishedRunsAndTheResumedSearchEndsTheSame() throws Exception {
        stopAndResume(false, "--arch", "standard", "--width", "96", "--target-l0", "5", "--data",
                "synthetic:features=120,dim=32,active=4,samples=6000,seed=4", "--epochs", "8", "--batch-size", "64");
    }

    private static final String AT_A_STEP = "Stopped at step [0-9,]+ of [0-9,]+; the checkpoint '.*run.safetensors.ckpt' "
            + "holds this moment: continue with 'sae4j train --resume .*run.safetensors'\\.";
    private static final String IN_A_SEARCH = "Stopped in (the steered run|run [1-8] of at most 8) of the coefficient "
            + "search; the checkpoint '.*run.safetensors.ckpt' holds the runs it finished, and this one starts again: "
            + "continue with 'sae4j train --resume .*run.safetensors'\\.";

    private void stopAndResume(boolean sigint, String... flags) throws Exception {
        Path reference = dir.resolve("reference.safetensors");
        Path out = dir.resolve("run.safetensors");
        Path checkpoint = dir.resolve("run.safetensors.ckpt");
        ChildJvm.Result whole = ChildJvm.sae4j("256m", args(reference, flags));
        assertEquals(0, whole.code(), whole.output());

        List<String> cmd = new ArrayList<>();
        if (sigint) {
            // A JVM leaves SIGINT ignored when it starts with it ignored (a background job's children do): reset it.
            Assumptions.assumeTrue(resetsSigint(), "env --default-signal is needed to give the child a default SIGINT");
            cmd.addAll(List.of("env", "--default-signal=INT"));
        }
        cmd.addAll(ChildJvm.command(List.of("-Xmx256m"), null, "org.sae4j.cli.Main", args(out, flags)));
        Path log = dir.resolve("stopped.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (p.isAlive() && !Files.exists(checkpoint) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run ended before its first checkpoint appeared:\n" + Files.readString(log));
        Thread.sleep(200); // a few steps in; the assertions below hold wherever the signal lands
        if (sigint) {
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        } else {
            p.destroy();
        }
        int code = p.waitFor();
        String output = Files.readString(log);
        assertEquals(sigint ? 130 : 143, code, output);
        List<String> stopped = output.lines().filter(l -> l.startsWith("Stopped")).toList();
        assertEquals(1, stopped.size(), output);
        assertTrue(stopped.get(0).matches(AT_A_STEP) || stopped.get(0).matches(IN_A_SEARCH), stopped.get(0));
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp") || n.endsWith(".lock")).toList(), "nothing half-written, no lock left");
        }

        ChildJvm.Result resumed = ChildJvm.sae4j("256m", "train", "--resume", out.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.output());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out), "the resumed model differs");
    }

    private static String[] args(Path out, String... flags) {
        List<String> a = new ArrayList<>(List.of("train", "-q", "--seed", "5", "-o", out.toString()));
        a.addAll(List.of(flags));
        return a.toArray(new String[0]);
    }

    private static boolean resetsSigint() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
