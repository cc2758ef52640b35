package org.sae4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.io.ModelFile;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/**
 * {@code sae4j-spark eval} over 1 and 3 partitions prints {@code sae4j eval --json}'s figures on the same rows: the
 * counts (samples, L0, dead fraction, every latent's density) exactly, the sums' ratios to 1e-12.
 */
class SparkEvalCommandTest {
    private static final String DATA = "synthetic:features=24,dim=8,active=3,samples=3000,seed=9";

    @Test
    void distributedEvalIsSae4jEval(@TempDir Path dir) throws Exception {
        Dataset data = SyntheticSpec.parse(DATA).dataset();
        Model sae = SaeBuilder.of(Architecture.TOPK, 8).width(32).k(3).seed(4).build();
        Trainer.fit(sae, data, FitOptions.builder().epochs(1).batchSize(100).normalization(Normalizer.Kind.MEAN_NORM).build());
        Path file = dir.resolve("sae.safetensors");
        ModelFile.save(sae, file);
        StringWriter local = new StringWriter();
        int code = org.sae4j.cli.Main.execute(new PrintWriter(local, true), new PrintWriter(new StringWriter()), "eval",
                "-m", file.toString(), "--data", DATA, "--json");
        assertEquals(0, code);
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(local.toString());
        for (String partitions : List.of("1", "3")) {
            SparkTrainCommandTest.Run r = SparkTrainCommandTest.spark("eval", "--model", file.toString(), "--data", DATA,
                    "--partitions", partitions);
            assertEquals(0, r.code(), r.err());
            JsonNode got = json.readTree(r.out());
            assertEquals(Integer.parseInt(partitions), got.get("partitions").asInt());
            for (String exact : List.of("samples", "latents", "l0", "dead_fraction", "latent_density", "active_threshold",
                    "shrinkage_centre", "mse_units")) {
                assertEquals(expected.get(exact), got.get(exact), exact + " on " + partitions + " partitions");
            }
            for (String ratio : List.of("mse", "fvu", "explained_variance", "cosine_similarity", "l2_ratio",
                    "relative_reconstruction_bias", "shrinkage", "mean_activation")) {
                double e = expected.get(ratio).asDouble();
                assertEquals(e, got.get(ratio).asDouble(), 1e-12 * Math.abs(e), ratio + " on " + partitions + " partitions");
            }
            for (int u = 0; u < 32; u++) {
                assertEquals(expected.get("latent_mean_activation").get(u).asDouble(),
                        got.get("latent_mean_activation").get(u).asDouble(), 1e-6, "latent " + u);
            }
        }
        SparkTrainCommandTest.Run wrong = SparkTrainCommandTest.spark("eval", "--model", file.toString(), "--data",
                "synthetic:dim=5,samples=100", "--partitions", "2");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("has 5 values but the model expects 8."), wrong.err());
    }
}
