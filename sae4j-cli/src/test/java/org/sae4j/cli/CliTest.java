package org.sae4j.cli;

import org.sae4j.io.ModelFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.model.Autoencoder;

/** The command line, run in-process: real commands on the embedded data, and every kind of bad input. */
class CliTest {

    record Run(int code, String out, String err) {
        /** A user error is exit code 1 and one "Error: ..." line, with no stack trace. */
        void assertUserError(String... fragments) {
            assertEquals(Main.USER_ERROR, code, "exit code; err: " + err);
            assertEquals(1, err.lines().count(), "one line: " + err);
            String first = err.lines().findFirst().orElse("");
            assertTrue(first.startsWith("Error: "), err);
            for (String f : fragments) {
                assertTrue(first.contains(f), "'" + f + "' missing from: " + first);
            }
            assertFalse(err.contains("\tat ") || err.contains("Exception"), "stack trace leaked: " + err);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainEvalEncodeOnEmbeddedData(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.safetensors");
        Run train = run("train", "--limit", "1500", "--epochs", "2", "--encoder", "64,16", "-q", "-o", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("784-64-16-64-784"), train.out());
        assertTrue(train.out().contains("model saved to"), train.out());
        assertTrue(train.out().contains("epoch 2/2"), train.out());

        Run eval = run("eval", "--model", model.toString(), "--limit", "500", "--units");
        assertEquals(0, eval.code(), eval.err());
        for (String metric : new String[] {"mse per value", "fvu", "L0", "dead units", "unit   15"}) {
            assertTrue(eval.out().contains(metric), eval.out());
        }

        Path npy = dir.resolve("codes.npy");
        Run encode = run("encode", "--model", model.toString(), "--limit", "300", "--out", npy.toString());
        assertEquals(0, encode.code(), encode.err());
        Dataset codes = NpyReader.read(npy);
        assertEquals(300, codes.rows());
        assertEquals(16, codes.cols());
        Dataset expected = ModelFile.loadAutoencoder(model).encode(org.sae4j.data.DataSources.resolve("embedded").limit(300));
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.values(), codes.values());

        Path csv = dir.resolve("codes.csv");
        assertEquals(0, run("encode", "-m", model.toString(), "--limit", "3", "-o", csv.toString()).code());
        assertTrue(Files.readAllLines(csv).get(0).startsWith("code_0,code_1,"));
        assertEquals(4, Files.readAllLines(csv).size());
    }

    @Test
    void configFileSetsOptionsAndFlagsOverrideIt(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("sae.yaml");
        Files.writeString(cfg, "encoder: [40, 12]\nactivation: tanh\nl1_weights: 1.0e-5\nepochs: 5\nquiet: true\n");
        Path model = dir.resolve("m.safetensors");
        Run r = run("train", "--config", cfg.toString(), "--epochs", "1", "--limit", "600", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("784-40-12-40-784") && r.out().contains("1 epochs") && r.out().contains("L1 weights"), r.out());
        assertEquals(org.sae4j.nn.Activation.TANH, ModelFile.loadAutoencoder(model).config().hiddenActivation());

        Files.writeString(cfg, "{\"encoder\": [40, 12], \"epoch\": 5}");
        run("train", "--config", cfg.toString()).assertUserError("'" + cfg + "'", "unknown field 'epoch'");
    }

    @Test
    void defaultIsTheDeepKlPresetAndFlagsAdjustIt(@TempDir Path dir) {
        Path model = dir.resolve("m.safetensors");
        Run r = run("train", "--limit", "300", "--epochs", "1", "--activation", "tanh", "--beta", "0.5", "-q",
                "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        var c = ModelFile.loadAutoencoder(model).config();
        assertEquals("784-128-64-32-64-128-784", c.describeShape());
        assertEquals(org.sae4j.nn.Activation.TANH, c.hiddenActivation());
        assertEquals(org.sae4j.nn.Activation.SIGMOID, c.codeActivation(), "deep-kl fixes the code activation");
        assertEquals(0.05, c.kl().rho());
        assertEquals(0.5, c.kl().beta());
    }

    @Test
    void validationDataReplacesTheSplit(@TempDir Path dir) throws Exception {
        Path held = dir.resolve("held.csv");
        org.sae4j.io.CsvWriter.write(held, org.sae4j.data.DataSources.resolve("embedded").slice(9990, 10000), null);
        Run r = run("train", "--limit", "300", "--epochs", "1", "--validation-data", held.toString(), "-q",
                "-o", dir.resolve("m.safetensors").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("val recon"), r.out());
        assertTrue(r.out().contains("Summary (" + held + ", 10 samples, validation data)"), r.out());
    }

    @Test
    void resumeContinuesTheSavedModel(@TempDir Path dir) {
        Path first = dir.resolve("first.safetensors");
        Path more = dir.resolve("more.safetensors");
        assertEquals(0, run("train", "--limit", "600", "--epochs", "2", "--encoder", "32,8", "--scale", "standardize",
                "-q", "-o", first.toString()).code());
        Run r = run("train", "--resume", first.toString(), "--limit", "600", "--epochs", "1", "-q", "-o", more.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Resuming " + first + " after 2 epochs") && r.out().contains("epoch 3/3"), r.out());
        Autoencoder before = ModelFile.loadAutoencoder(first);
        Autoencoder after = ModelFile.loadAutoencoder(more);
        assertEquals(before.config(), after.config());
        assertEquals(3, after.history().epochs().size());
        assertEquals(3, after.history().last().epoch());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before.normalizer().offset(), after.normalizer().offset(),
                "the scaling is kept, not refitted");
        run("train", "--resume", first.toString(), "--encoder", "64").assertUserError("--resume", "--encoder");
        run("train", "--resume", dir.resolve("none.safetensors").toString()).assertUserError("none.safetensors");
    }

    @Test
    void presetsBuildTheDocumentedNetworks(@TempDir Path dir) {
        Path model = dir.resolve("m.safetensors");
        Run r = run("train", "--preset", "classic", "--limit", "300", "--epochs", "1", "-q", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        var c = ModelFile.loadAutoencoder(model).config();
        assertEquals("784-200-784", c.describeShape());
        assertEquals(0.05, c.kl().rho());
        assertEquals(3.0, c.kl().beta());
        assertEquals(5e-5, c.l2Weights());
        run("train", "--preset", "tanh-l1", "--limit", "300", "--epochs", "1", "-q", "-o", model.toString());
        assertEquals(1e-5, ModelFile.loadAutoencoder(model).config().l1Weights());
    }

    @Test
    void badInputGetsOneSentenceAndNonZeroExit(@TempDir Path dir) throws Exception {
        run("train", "--rho", "1.5", "--code-activation", "sigmoid").assertUserError("rho=1.5", "(0, 1)");
        run("train", "--rho", "0.05", "--beta", "-1", "--code-activation", "sigmoid").assertUserError("beta=-1.0");
        run("train", "--preset", "deep", "--rho", "0.05").assertUserError("KL", "relu");
        run("train", "--preset", "deep", "--beta", "2").assertUserError("--beta 2.0", "--rho");
        run("train", "--preset", "sparse").assertUserError("Unknown preset 'sparse'");
        run("train", "--activation", "swish").assertUserError("Unknown activation 'swish'");
        run("train", "--loss", "hinge").assertUserError("Unknown loss 'hinge'");
        run("train", "--epochs", "0").assertUserError("Epochs is 0");
        run("train", "--optimizer", "rmsprop").assertUserError("rmsprop");
        run("train", "--data", dir.resolve("nope.csv").toString()).assertUserError("nope.csv", "does not exist");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2,3\n4,NaN,6\n");
        run("train", "--data", bad.toString()).assertUserError("bad.csv", "row 2", "column 2");

        Path idx = dir.resolve("broken-idx3-ubyte");
        Files.write(idx, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
        run("eval", "--model", "x.safetensors", "--data", idx.toString()).assertUserError();
        run("train", "--data", idx.toString()).assertUserError("broken-idx3-ubyte");

        Path model = dir.resolve("m.safetensors");
        assertEquals(0, run("train", "--limit", "300", "--epochs", "1", "--encoder", "8", "-q", "-o", model.toString()).code());
        Path narrow = dir.resolve("narrow.csv");
        Files.writeString(narrow, "1,2,3\n4,5,6\n");
        run("eval", "--model", model.toString(), "--data", narrow.toString()).assertUserError("3 features", "784");
        run("eval", "--model", dir.resolve("missing.safetensors").toString()).assertUserError("missing.safetensors");
        Files.writeString(dir.resolve("junk.safetensors"), "not a model at all");
        run("eval", "--model", dir.resolve("junk.safetensors").toString()).assertUserError("junk.safetensors");
        run("encode", "--model", model.toString(), "--out", dir.resolve("codes.txt").toString()).assertUserError(".csv or .npy");

        Run usage = run("train", "--epochs", "many");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("Error: ") && usage.err().contains("many"), usage.err());
    }

    @Test
    void helpAndInfo() {
        for (String cmd : new String[] {"train", "eval", "encode", "report", "sweep", "info", "bench"}) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Example"), cmd + " --help shows examples:\n" + r.out());
        }
        Run info = run("info");
        assertEquals(0, info.code());
        assertTrue(info.out().contains("math backend") && info.out().contains("JDK"), info.out());
    }
}
