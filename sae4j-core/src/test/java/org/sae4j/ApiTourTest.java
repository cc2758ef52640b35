package org.sae4j;

import org.sae4j.io.ModelFile;
import org.sae4j.train.Trainer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.io.interchange.SaeExchange;
import org.sae4j.io.interchange.SaeLensWriter;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Activation;
import org.sae4j.optim.Adam;
import org.sae4j.train.FitOptions;
import org.sae4j.model.History;

/** The README's Java API tour, line for line, on a slice of the embedded images; keep the two in step. */
class ApiTourTest {

    @Test
    void readmeTourRuns(@TempDir Path dir) {
        Dataset all = DataSources.resolve("embedded");
        Dataset train = all.slice(0, 9000);
        Dataset test = all.slice(9000, 10000);
        Autoencoder ae = Autoencoder.builder(784)
                .encoder(128, 64, 32)
                .activation(Activation.RELU)
                .codeActivation(Activation.SIGMOID)
                .outputActivation(Activation.SIGMOID)
                .loss(ReconstructionLoss.MSE)
                .klSparsity(0.05, 0.01)
                .l2Weights(1e-5)
                .seed(42)
                .build();
        History history = Trainer.fit(ae, train, FitOptions.builder()
                .epochs(3).batchSize(256)
                .optimizer(() -> new Adam(1e-3))
                .normalization(Normalizer.Kind.MIN_MAX)
                .validationSplit(0.1)
                .build());
        Dataset codes = ae.encode(test);
        Dataset recon = ae.reconstruct(test);
        EvalReport report = Metrics.evaluate(ae, test, null);
        ModelFile.save(ae, dir.resolve("model.safetensors"));
        Model back = ModelFile.load(dir.resolve("model.safetensors"));

        // A wide SAE trains through the same loop:
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, 784).expansion(4).k(32).build();
        Trainer.fit(sae, train, FitOptions.builder().epochs(1).batchSize(1024)
                .normalization(Normalizer.Kind.MIN_MAX).build());
        SaeLensWriter.write(SaeExchange.toExternal(sae, null, "my-sae"), dir.resolve("my-sae"));

        assertEquals(3, history.epochs().size());
        assertEquals(1000, codes.rows());
        assertEquals(32, codes.cols());
        assertEquals(784, recon.cols());
        assertTrue(report.mse() < 0.08 && report.fvu() < 0.9, "mse " + report.mse() + ", fvu " + report.fvu());
        assertArrayEquals(codes.values(), back.encode(test).values(), "a loaded model encodes identically");
        assertArrayEquals(recon.values(), ae.decode(codes).values(), "reconstruct = decode(encode)");
        assertEquals(32.0, Metrics.evaluate(sae, test, null).l0(), 0.5);
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("my-sae").resolve("cfg.json")));
    }
}
