package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;

/** Hostile paths, impossible settings and crafted files: one sentence, exit 1, no trace, nothing half-written. */
class HardeningCliTest {
    @TempDir
    Path dir;

    @Test
    void unwritableOutputIsRefusedBeforeAnyDataIsLoaded() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String missingData = dir.resolve("missing.csv").toString();
        // The data does not exist either: the output must be what the error is about, so it was checked first.
        CliTest.run("train", "--data", missingData, "-o", file.resolve("m.safetensors").toString())
                .assertUserError("m.safetensors", "a-file", "not a folder");
        CliTest.run("train", "--data", missingData, "-o", dir.toString()).assertUserError("is a folder");
        CliTest.run("encode", "--model", "none.safetensors", "-o", file.resolve("c.npy").toString())
                .assertUserError("c.npy", "not a folder");
        CliTest.run("report", "--model", "none.safetensors", "-o", file.toString()).assertUserError("expected a folder");
        CliTest.run("sweep", "--over", "lr=0.1,0.2", "--data", missingData, "-o", file.toString())
                .assertUserError("expected a folder");
    }

    @Test
    void trainingThroughASymlinkReplacesItsTarget() throws Exception {
        Path real = dir.resolve("real.safetensors");
        Path link = Files.createSymbolicLink(dir.resolve("link.safetensors"), real);
        CliTest.Run r = CliTest.run("train", "--limit", "200", "--epochs", "1", "--encoder", "8", "-q",
                "-o", link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.size(real) > 0);
        assertFalse(r.err().contains(".tmp"));
    }

    @Test
    void controlCharactersFromAFileAreEscapedInTheError() throws Exception {
        Path csv = Files.writeString(dir.resolve("evil.csv"), "1,2\n3,\u001b[2J\u202eoops\n");
        CliTest.Run r = CliTest.run("train", "--data", csv.toString());
        r.assertUserError("evil.csv", "\\u001b[2J\\u202eoops");
        assertFalse(r.err().contains("\u001b") || r.err().contains("\u202e"), r.err());
    }

    @Test
    void impossibleLayerSizesAreRefusedUpFrontWithTheMemoryNeeded() throws Exception {
        // The data does not exist: these must be refused before it would be loaded.
        String missing = dir.resolve("missing.csv").toString();
        CliTest.run("train", "--encoder", "2147483647", "--data", missing).assertUserError("2147483647", "at most");
        CliTest.run("train", "--encoder", "100000000", "--data", missing)
                .assertUserError("needs", "GB of memory", "available");
        // The embedded images are known to be 784 wide, so the whole model is checked before loading them.
        ChildJvm.Result known = ChildJvm.sae4j("1g", "train", "--encoder", "1000000");
        assertTrue(known.output().startsWith("Error: Training a 784-1000000-784 autoencoder in batches of 256 needs "
                + "47.0 GB of memory"), known.output()); // with the checkpoint copy it keeps (values and moments)
        // A file's width is known only once it is read: the hidden layers are checked first, the model after.
        Path npy = dir.resolve("images.npy");
        org.sae4j.io.NpyWriter.write(npy, new float[784 * 3], 3, 784);
        ChildJvm.Result early = ChildJvm.sae4j("1g", "train", "--encoder", "1000000", "--data", npy.toString());
        assertTrue(early.output().startsWith("Error: Training an autoencoder with hidden layers 1000000 in batches "
                + "of 256 needs 3.2 GB of memory"), early.output());
        ChildJvm.Result r = ChildJvm.sae4j("1g", "train", "--encoder", "1000000", "--batch-size", "1", "-q",
                "--data", npy.toString(), "-o", dir.resolve("m.safetensors").toString());
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().startsWith("Error: Training a 784-1000000-784 autoencoder in batches of 1 needs 43.9 GB of "
                + "memory"), r.output());
        assertFalse(r.output().contains("Exception"), r.output());
    }

    @Test
    void impossibleSettingsAreRefused() {
        CliTest.run("bench", "--batch-size", "0").assertUserError("--batch-size is 0");
        CliTest.run("bench", "--seconds", "0").assertUserError("--seconds is 0.0");
        CliTest.run("bench", "--seconds", "NaN").assertUserError("--seconds is NaN");
        CliTest.run("eval", "--model", "none.safetensors", "--active-threshold", "NaN")
                .assertUserError("Active threshold is NaN");
        CliTest.run("eval", "--model", "none.safetensors", "--active-threshold", "-1")
                .assertUserError("Active threshold is -1.0");
        CliTest.run("train", "--optimizer", "adam", "--momentum", "0.9").assertUserError("Momentum 0.9", "sgd");
        CliTest.run("train", "--nesterov").assertUserError("Nesterov", "sgd");
    }

    @Test
    void evalScoresTheRowsTrainingHeldOutByDefault() {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, CliTest.run("train", "--limit", "200", "--epochs", "1", "--encoder", "8", "-q",
                "-o", model.toString()).code());
        CliTest.Run eval = CliTest.run("eval", "--model", model.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("on 'embedded-held-out', 1000 samples"), eval.out());
        assertTrue(CliTest.run("eval", "--help").out().contains("embedded-held-out"));
        CliTest.Run all = CliTest.run("eval", "--model", model.toString(), "--data", "embedded", "--limit", "50");
        assertTrue(all.out().contains("on 'embedded', 50 samples"), all.out());
    }
}
