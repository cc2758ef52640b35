package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;

/**
 * A run killed (SIGKILL, or a halt in the middle of writing a checkpoint) and resumed with {@code --resume OUT}
 * ends with exactly the bytes of the run that was never interrupted.
 */
class KillResumeTest {
    @TempDir
    Path dir;

    @Test
    void deepPresetResumesToTheSameBytes() throws Exception {
        killAndResume("--preset", "deep", "--limit", "600", "--epochs", "2", "--batch-size", "32", "--checkpoint-every", "4");
    }

    @Test
    void topKSaeResumesToTheSameBytes() throws Exception {
        killAndResume("--arch", "topk", "--width", "64", "--k", "8", "--limit", "600", "--epochs", "2", "--batch-size", "32",
                "--checkpoint-every", "4");
    }

    /** Killed before its first epoch ends (a --samples run has one at its very end): it resumes from step 0. */
    @Test
    void aRunKilledBeforeItsFirstEpochEndResumes() throws Exception {
        String[] flags = {"--arch", "jumprelu", "--width", "80", "--data",
                "synthetic:features=120,dim=20,active=3,coeffmax=4,seed=2", "--samples", "40k", "--batch-size", "64"};
        Path reference = dir.resolve("reference.safetensors");
        Path out = dir.resolve("run.safetensors");
        Path checkpoint = dir.resolve("run.safetensors.ckpt");
        assertEquals(0, ChildJvm.sae4j("256m", args(reference, flags)).code());

        Process p = start(args(out, flags));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (p.isAlive() && !Files.exists(checkpoint) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        boolean modelYet = Files.exists(out);
        p.destroyForcibly().waitFor();
        assertTrue(Files.exists(checkpoint) && !modelYet, "a checkpoint is written before the first model");

        ChildJvm.Result resumed = ChildJvm.sae4j("256m", "train", "--resume", out.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.output());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out), "resumed model differs");
    }

    private void killAndResume(String... flags) throws Exception {
        Path reference = dir.resolve("reference.safetensors");
        Path out = dir.resolve("run.safetensors");
        Path checkpoint = dir.resolve("run.safetensors.ckpt");
        assertEquals(0, ChildJvm.sae4j("256m", args(reference, flags)).code());

        // Halted halfway through its second checkpoint: the first stays, a stray temp file is left beside it.
        ChildJvm.Result crashed = ChildJvm.run(List.of("-Xmx256m", "-Dsae4j.test.crashInCheckpoint=2"),
                "org.sae4j.cli.Main", args(out, flags));
        assertEquals(137, crashed.code(), crashed.output());
        assertTrue(strays().count() > 0, "the interrupted save leaves its temp file");

        // Resumed, then SIGKILLed once it has written a newer checkpoint.
        FileTime before = Files.getLastModifiedTime(checkpoint);
        Process p = start("train", "--resume", out.toString(), "-q");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (p.isAlive() && Files.getLastModifiedTime(checkpoint).equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly().waitFor();

        ChildJvm.Result resumed = ChildJvm.sae4j("256m", "train", "--resume", out.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.output());
        assertTrue(resumed.output().contains("Resuming"), resumed.output());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out), "resumed model differs");
        assertEquals(0, strays().count(), "stray temp files are cleaned up by the next save");
    }

    private String[] args(Path out, String... flags) {
        List<String> a = new ArrayList<>(List.of("train", "-q", "--seed", "7", "-o", out.toString()));
        a.addAll(List.of(flags));
        return a.toArray(new String[0]);
    }

    private Stream<Path> strays() throws IOException {
        return Files.list(dir).filter(f -> f.getFileName().toString().endsWith(".tmp"));
    }

    private static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.sae4j.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
