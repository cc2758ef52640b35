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
import org.sae4j.model.Autoencoder;
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
        Autoencoder back = ModelFile.loadAutoencoder(dir.resolve("model.safetensors"));

        assertEquals(3, history.epochs().size());
        assertEquals(1000, codes.rows());
        assertEquals(32, codes.cols());
        assertEquals(784, recon.cols());
        assertTrue(report.mse() < 0.08 && report.fvu() < 0.9, "mse " + report.mse() + ", fvu " + report.fvu());
        assertArrayEquals(codes.values(), back.encode(test).values(), "a loaded model encodes identically");
        assertArrayEquals(recon.values(), ae.decode(codes).values(), "reconstruct = decode(encode)");
    }
}
