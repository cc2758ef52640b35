package org.sae4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.ModelFile;
import org.sae4j.model.sae.SaeConfig;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * {@code sae4j-spark train}'s SAE options, which are {@code sae4j train}'s own ({@code SaeFlags}, so no test need hold
 * copies equal): they reach the model as train's do, byte for byte on one partition, and are refused in train's
 * sentences, before any data is read.
 */
class SparkTrainSaeFlagsTest {
    private static final String DATA = "synthetic:features=24,dim=8,samples=1200,seed=2";

    private static List<String> args(Path out, String... more) {
        List<String> all = new ArrayList<>(List.of("train", "--width", "32", "--data", DATA, "--epochs", "1",
                "--batch-size", "100", "--lr", "0.003", "-q", "--out", out.toString()));
        all.addAll(List.of(more));
        return all;
    }

    /** The same flags through sae4j train and through Spark on one partition give the same model file. */
    private static SaeConfig sameAsTrain(Path dir, String name, String... flags) throws Exception {
        Path local = dir.resolve(name + "-local.safetensors");
        Path spread = dir.resolve(name + "-spark.safetensors");
        StringWriter err = new StringWriter();
        int code = org.sae4j.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                args(local, flags).toArray(String[]::new));
        assertEquals(0, code, err.toString());
        List<String> spark = args(spread, flags);
        spark.addAll(List.of("--partitions", "1", "--sync-every", "4"));
        SparkTrainCommandTest.Run r = SparkTrainCommandTest.spark(spark.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spread), name);
        return ((SparseAutoencoder) ModelFile.load(spread)).config();
    }

    /**
     * jumprelu with a narrow --bandwidth, where every latent dies and the pre-activation loss revives them: at the
     * default coefficient (0.1), at 0.25 and at 0 it is train's model byte for byte on one partition, and the
     * coefficient reaches the model and moves it.
     */
    @Test
    void preActAndAuxCoefficientsReachTheModelAsTrainsDo(@TempDir Path dir) throws Exception {
        SaeConfig byDefault = sameAsTrain(dir, "jumprelu", "--arch", "jumprelu", "--bandwidth", "0.05");
        assertEquals(0.1, byDefault.preActCoefficient());
        assertEquals(0.05, byDefault.bandwidth());
        SaeConfig more = sameAsTrain(dir, "jumprelu-more", "--arch", "jumprelu", "--pre-act-coefficient", "0.25",
                "--bandwidth", "0.05");
        assertEquals(0.25, more.preActCoefficient());
        SaeConfig off = sameAsTrain(dir, "jumprelu-off", "--arch", "jumprelu", "--pre-act-coefficient", "0",
                "--bandwidth", "0.05");
        assertEquals(0, off.preActCoefficient());
        float[] plain = encoder(dir, "jumprelu-off");
        assertFalse(java.util.Arrays.equals(plain, encoder(dir, "jumprelu")), "the default loss moved the encoder");
        assertFalse(java.util.Arrays.equals(encoder(dir, "jumprelu"), encoder(dir, "jumprelu-more")),
                "0.25 trained another encoder than 0.1");
        SaeConfig top = sameAsTrain(dir, "topk", "--arch", "topk", "--k", "4", "--aux-k", "6", "--aux-coefficient", "0.5");
        assertEquals(0.5, top.auxCoefficient());
        assertEquals(6, top.auxK());
    }

    private static float[] encoder(Path dir, String name) {
        return ((SparseAutoencoder) ModelFile.load(dir.resolve(name + "-spark.safetensors"))).encoderWeight().value();
    }

    @Test
    void theHeaderNamesTheTargetOfABudgetModel(@TempDir Path dir) {
        SparkTrainCommandTest.Run r = SparkTrainCommandTest.spark(args(dir.resolve("g.safetensors"), "--arch", "gated",
                "--target-l0", "4", "--partitions", "1").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("sae4j-spark: gated SAE 8-32 (target L0 4) on "), r.out());
    }

    @Test
    void whatTheRunWouldIgnoreIsOneSentence(@TempDir Path dir) {
        Path out = dir.resolve("m.safetensors");
        refused(args(out, "--arch", "jumprelu", "--target-l0", "4", "--pre-act-coefficient", "0.2"),
                "Error: --pre-act-coefficient has no effect: at --target-l0 jumprelu's thresholds follow each sample's "
                        + "top L0 latents, and that budget trains no pre-activation loss; drop it.");
        refused(args(out, "--arch", "gated", "--target-l0", "4", "--lambda", "1e-3"),
                "Error: --lambda has no effect: at --target-l0 gated's thresholds follow each sample's top L0 latents, "
                        + "with no L1 term for lambda to weigh; drop it.");
        refused(args(out, "--arch", "jumprelu", "--target-l0", "4", "--quadratic-l0", "4"),
                "Error: Give --target-l0 or --quadratic-l0, not both");
        refused(args(out, "--arch", "topk", "--target-l0", "4"),
                "Error: --target-l0 adapts a sparsity coefficient, which a topk SAE lacks");
        refused(args(out, "--arch", "jumprelu", "--aux-coefficient", "0.5"),
                "Error: --aux-coefficient does not apply to the jumprelu architecture; drop it.");
        refused(args(out, "--arch", "topk", "--pre-act-coefficient", "0.5"),
                "Error: --pre-act-coefficient does not apply to the topk architecture; drop it.");
        assertFalse(Files.exists(out));
    }

    private static void refused(List<String> args, String sentence) {
        SparkTrainCommandTest.Run r = SparkTrainCommandTest.spark(args.toArray(String[]::new));
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith(sentence), r.err());
    }
}
