package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.synthetic.SyntheticPairs;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.io.ModelFile;
import org.sae4j.io.NpyWriter;
import org.sae4j.model.Model;
import org.sae4j.model.TrainingRows;

/**
 * {@code train --target-data} and {@code eval --target-data}: a transcoder trained from two row-aligned files writes
 * the same model file twice, eval scores it against the targets exactly as {@link Metrics} does, and bad pairs are
 * refused in one sentence with a non-zero exit.
 */
class TranscoderCliTest {
    @TempDir
    static Path dir;
    static Path in;
    static Path out;
    static SyntheticPairs.Sample sample;

    @BeforeAll
    static void data() {
        sample = new SyntheticPairs(SyntheticSpec.parse("synthetic:features=32,dim=12,samples=1200,seed=4"), 7, 0.1, 0.5)
                .sample();
        in = dir.resolve("mlp-in.npy");
        out = dir.resolve("mlp-out.npy");
        NpyWriter.write(in, sample.inputs());
        NpyWriter.write(out, sample.targets());
        NpyWriter.write(dir.resolve("short.npy"), sample.targets().limit(1000));
    }

    private static CliTest.Run train(String name, String... more) {
        String[] base = {"train", "--arch", "topk", "--k", "4", "--width", "48", "--skip", "--data", in.toString(),
            "--target-data", out.toString(), "--epochs", "2", "--scale", "standardize", "-q", "-o",
            dir.resolve(name).toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliTest.run(all);
    }

    @Test
    void trainsAndScoresASkipTranscoderAgainstItsTargets() throws Exception {
        CliTest.Run a = train("a.safetensors");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("topk skip transcoder 12-48-7 (k=4)"), a.out());
        assertTrue(a.out().contains("1200 samples x 12 input -> 7 target features"), a.out());
        assertEquals(0, train("b.safetensors").code());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.safetensors")), Files.readAllBytes(dir.resolve("b.safetensors")));

        Model m = ModelFile.load(dir.resolve("a.safetensors"));
        assertEquals(7, m.targetSize());
        EvalReport expected = Metrics.evaluate(m, TrainingRows.pair(sample.inputs(), sample.targets()), null);
        CliTest.Run eval = CliTest.run("eval", "--model", dir.resolve("a.safetensors").toString(), "--data", in.toString(),
                "--target-data", out.toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.valueOf(expected.explainedVariance())), eval.out());

        CliTest.Run encode = CliTest.run("encode", "--model", dir.resolve("a.safetensors").toString(), "--data",
                in.toString(), "--out", dir.resolve("codes.npy").toString());
        assertEquals(0, encode.code(), encode.err());
    }

    @Test
    void badPairsAreOneSentence() {
        CliTest.Run shortTargets = CliTest.run("train", "--arch", "topk", "--data", in.toString(), "--target-data",
                dir.resolve("short.npy").toString(), "-q", "-o", dir.resolve("x.safetensors").toString());
        shortTargets.assertUserError("mlp-in.npy' has 1,200 rows but target data '", "short.npy' has 1,000; "
                + "expected one target row per input row, in the same order.");
        CliTest.run("train", "--data", in.toString(), "--target-data", out.toString(), "-q")
                .assertUserError("--target-data trains a transcoder");
        CliTest.run("train", "--arch", "topk", "--skip", "--data", in.toString(), "-q")
                .assertUserError("--skip adds a linear map from inputs to other targets, so it needs a transcoder");
    }

    @Test
    void evalOfATranscoderNeedsItsTargets() {
        assertEquals(0, train("c.safetensors").code());
        String model = dir.resolve("c.safetensors").toString();
        CliTest.run("eval", "--model", model, "--data", in.toString()).assertUserError("give them with --target-data");
        CliTest.run("eval", "--model", model, "--data", out.toString(), "--target-data", in.toString())
                .assertUserError("mlp-out.npy' has 7 features per sample but the transcoder's input (d_in) expects 12.");
        CliTest.run("report", "--model", model).assertUserError("sae4j report does not show transcoders yet");
    }
}
