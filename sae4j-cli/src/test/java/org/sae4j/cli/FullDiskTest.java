package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;
import org.sae4j.data.TestShards;

/**
 * A full disk, simulated by a test hook that makes writes of one kind of file fail part-way with "No space left on
 * device": a checkpoint that cannot be written is said in one line and never costs the model, which is written
 * first; a model that cannot be written is one error sentence, with nothing half-written left behind.
 */
class FullDiskTest {
    @TempDir
    Path dir;

    private String[] args(Path data, Path out) {
        // 1,800 training rows a pass: a budget of 4,000 samples ends inside the third pass, where the run lost it.
        return new String[] {"train", "-q", "--seed", "4", "--data", data.toString(), "--arch", "batchtopk", "--width",
                "72", "--k", "4", "--samples", "4000", "--batch-size", "50", "--scale", "mean-norm", "-o", out.toString()};
    }

    @Test
    void aCheckpointThatCannotBeWrittenNeverCostsTheFinishedModel() throws Exception {
        Path data = dir.resolve("acts.npy");
        TestShards.write(data, 2000, 36, 8);
        Path reference = dir.resolve("reference.safetensors");
        assertEquals(0, ChildJvm.sae4j("256m", args(data, reference)).code());

        Path out = dir.resolve("run.safetensors");
        ChildJvm.Result r = ChildJvm.run(List.of("-Xmx256m", "-Dsae4j.test.diskFullFor=.ckpt"), "org.sae4j.cli.Main",
                args(data, out));
        assertEquals(0, r.code(), r.output());
        List<String> warnings = r.output().lines().filter(l -> l.contains("could not be written")).toList();
        assertEquals(1, warnings.size(), r.output());
        assertTrue(warnings.get(0).startsWith("Warning: the checkpoint '" + out + ".ckpt' could not be written at step 0 "
                + "(no space left on device)"), warnings.get(0));
        assertTrue(r.output().contains("model saved to"), r.output());
        assertFalse(r.output().contains("Exception") || r.output().contains("\tat "), r.output());
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out), "the model is the unbroken run's");
        assertEquals(List.of(), leftovers(), "nothing half-written");
    }

    @Test
    void aModelThatCannotBeWrittenIsOneSentenceAndLeavesNothingHalfWritten() throws Exception {
        Path data = dir.resolve("acts.npy");
        TestShards.write(data, 2000, 36, 8);
        Path out = dir.resolve("run.safetensors");
        ChildJvm.Result r = ChildJvm.run(List.of("-Xmx256m", "-Dsae4j.test.diskFullFor=run.safetensors"),
                "org.sae4j.cli.Main", args(data, out));
        assertEquals(1, r.code(), r.output());
        List<String> errors = r.output().lines().filter(l -> l.startsWith("Error: ")).toList();
        assertEquals(List.of("Error: File '" + out + "' could not be written (no space left on device)."), errors);
        assertFalse(r.output().contains("\tat "), r.output());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers(), "nothing half-written");
    }

    private List<String> leftovers() throws Exception {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".lock")).forEach(names::add);
        }
        return names;
    }
}
