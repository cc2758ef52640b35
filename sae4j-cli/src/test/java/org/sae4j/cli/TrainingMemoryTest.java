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
import org.sae4j.data.TestShards;

/**
 * A run that cannot fit is refused before it trains, in one sentence that names the SAE as it is (its data's width,
 * not a stand-in of 1), instead of training for a while and then losing everything to an OutOfMemoryError at its
 * first epoch end (the optimizer state, the checkpoint copy and a validation chunk came on top of what was checked).
 */
class TrainingMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aWideSaeOnAFileIsRefusedWithItsRealInputWidth() throws Exception {
        Path npy = dir.resolve("acts.npy");
        TestShards.write(npy, 400, 96, 3);
        ChildJvm.Result r = ChildJvm.sae4j("32m", "train", "--data", npy.toString(), "--arch", "topk", "--width", "16384",
                "--k", "8", "-q", "-o", dir.resolve("wide.safetensors").toString());
        assertEquals(Main.USER_ERROR, r.code(), r.output());
        String error = r.output().lines().filter(l -> l.startsWith("Error: ")).findFirst().orElse(r.output());
        assertTrue(error.contains("topk SAE 96-16384"), error);
        assertFalse(error.contains("SAE 1-"), error);
        assertTrue(error.contains("needs") && error.contains("-Xmx"), error);
    }

    @Test
    void aStreamedRunThatCannotFitIsRefusedBeforeItTrains() throws Exception {
        Path shards = Files.createDirectories(dir.resolve("shards"));
        for (int i = 0; i < 2; i++) {
            TestShards.write(shards.resolve("part-" + i + ".npy"), 9000, 512, 10 + i);
        }
        Path out = dir.resolve("run.safetensors");
        ChildJvm.Result r = ChildJvm.sae4j("64m", "train", "--data", shards.toString(), "--arch", "topk", "--width",
                "2048", "--k", "16", "--epochs", "2", "--batch-size", "256", "-q", "-o", out.toString());
        assertEquals(Main.USER_ERROR, r.code(), r.output());
        List<String> lines = r.output().lines().toList();
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("epoch")), "refused before training:\n" + r.output());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("Error: ")).count(), r.output());
        String error = lines.stream().filter(l -> l.startsWith("Error: ")).findFirst().orElseThrow();
        assertTrue(error.startsWith("Error: Training a topk SAE 512-2048 in batches of 256 needs "), error);
        assertFalse(r.output().contains("\tat "), r.output());
        assertFalse(Files.exists(out) || Files.exists(dir.resolve("run.safetensors.ckpt")), "nothing written");
    }
}
