package org.sae4j.train;

import org.sae4j.io.CheckpointFiles;
import org.sae4j.io.ModelFile;
import org.sae4j.model.History;
import org.sae4j.model.EpochStats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.Autoencoder;
import org.sae4j.nn.Activation;
import org.sae4j.optim.Sgd;

/** The training loop on a slice of the embedded Fashion-MNIST images. */
class TrainerTest {
    static Dataset images;

    @BeforeAll
    static void load() {
        images = DataSources.resolve("embedded").limit(2000);
    }

    private static FitOptions.Builder quick() {
        return FitOptions.builder().epochs(2).batchSize(64).normalization(Normalizer.Kind.MIN_MAX);
    }

    @Test
    void sameSeedGivesIdenticalModelBytes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Path c = dir.resolve("c.safetensors");
        Trainer.fit(Autoencoder.builder(784).encoder(64, 16).seed(7).build(), images, quick().seed(3).build());
        Autoencoder m1 = Autoencoder.builder(784).encoder(64, 16).seed(7).build();
        Trainer.fit(m1, images, quick().seed(3).build());
        ModelFile.save(m1, a);
        Autoencoder m2 = Autoencoder.builder(784).encoder(64, 16).seed(7).build();
        Trainer.fit(m2, images, quick().seed(3).build());
        ModelFile.save(m2, b);
        Autoencoder m3 = Autoencoder.builder(784).encoder(64, 16).seed(7).build();
        Trainer.fit(m3, images, quick().seed(4).build());
        ModelFile.save(m3, c);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)), "shuffle seed must matter");
    }

    @Test
    void lossFallsAndHistoryHasEveryEpoch() {
        Autoencoder m = Autoencoder.builder(784).encoder(64, 16).build();
        List<EpochStats> seen = new ArrayList<>();
        int[] batches = {0};
        History h = Trainer.fit(m, images, quick().epochs(3).validationSplit(0.2).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(int batchIndex, EpochStats runningSoFar) {
                batches[0]++;
            }

            @Override
            public void onEpochEnd(EpochStats stats) {
                seen.add(stats);
            }
        }).build());
        assertEquals(3, h.epochs().size());
        assertEquals(h.epochs(), seen);
        assertEquals(3 * 25, batches[0], "1600 training rows in batches of 64");
        assertTrue(h.last().loss() < 0.6 * h.epochs().get(0).loss(), "loss should fall: " + h.epochs());
        assertTrue(Double.isFinite(h.last().validation()) && h.last().validation() < 0.08, "validation: " + h.last());
    }

    @Test
    void explicitValidationDataIsUsedAndScaledLikeTraining() {
        Dataset held = DataSources.resolve("embedded").slice(9000, 9500);
        Autoencoder m = Autoencoder.builder(784).encoder(32).build();
        History h = Trainer.fit(m, images, quick().epochs(1).validationData(held).build());
        double expected = org.sae4j.eval.Metrics.evaluate(m, held, null).mse();
        assertEquals(expected, h.last().validation(), 1e-6, "validation loss is the MSE on the held-out data");
        InvalidInputException both = assertThrows(InvalidInputException.class,
                () -> quick().validationSplit(0.1).validationData(held).build());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        Dataset narrow = new Dataset("narrow", new float[20], 2, 10);
        InvalidInputException width = assertThrows(InvalidInputException.class,
                () -> Trainer.fit(m, images, quick().validationData(narrow).build()));
        assertEquals("Data 'narrow' has 10 features per sample but the model expects 784.", width.getMessage());
    }

    @Test
    void checkpointIsWrittenEveryEpochAndLoadsBack(@TempDir Path dir) {
        Path file = dir.resolve("sub/model.safetensors");
        Autoencoder m = Autoencoder.builder(784).encoder(32).build();
        Trainer.fit(m, images, quick().epochs(1).checkpoints(new CheckpointFiles(file, null)).build());
        Autoencoder back = ModelFile.loadAutoencoder(file);
        assertEquals(m.config(), back.config());
        assertArrayEquals(m.parameters().get(0).value(), back.parameters().get(0).value());
        assertEquals(Normalizer.Kind.MIN_MAX, back.normalizer().kind());
        assertEquals(1, back.history().epochs().size());
        EpochStats saved = back.history().last();
        EpochStats trained = m.history().last();
        assertEquals(trained.loss(), saved.loss());
        assertEquals(trained.l0(), saved.l0());
        assertTrue(Double.isNaN(saved.seconds()), "timings are not saved");
    }

    @Test
    void continuedTrainingKeepsScalingAndCountsEpochsOn() {
        Autoencoder m = Autoencoder.builder(784).encoder(32).build();
        Trainer.fit(m, images, quick().epochs(2).build());
        var scaling = m.normalizer();
        List<Integer> started = new ArrayList<>();
        History more = Trainer.fit(m, images.slice(0, 500), quick().epochs(2).normalization(null).listener(new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int lastEpoch, int batches) {
                started.add(epoch * 100 + lastEpoch);
            }
        }).build());
        assertEquals(List.of(304, 404), started);
        assertEquals(List.of(3, 4), more.epochs().stream().map(EpochStats::epoch).toList());
        assertEquals(4, m.history().epochs().size());
        assertTrue(scaling == m.normalizer(), "normalization null keeps the fitted normaliser");
    }

    @Test
    void divergenceIsReportedInOneSentence() {
        Autoencoder m = Autoencoder.builder(784).encoder(32).activation(Activation.LINEAR)
                .outputActivation(Activation.LINEAR).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Trainer.fit(m, images,
                quick().normalization(Normalizer.Kind.NONE).optimizer(() -> new Sgd(10, 0, false)).build()));
        assertTrue(e.getMessage().startsWith("Training diverged at epoch 1"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void crossEntropyRejectsUnscaledData() {
        Autoencoder m = Autoencoder.builder(784).encoder(32).loss(ReconstructionLoss.BINARY_CROSS_ENTROPY).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Trainer.fit(m, images, quick().normalization(Normalizer.Kind.NONE).build()));
        assertTrue(e.getMessage().contains("needs values in [0, 1]") && e.getMessage().contains("row"), e.getMessage());
    }

    @Test
    void wrongWidthAndNanAreReported() {
        Autoencoder m = Autoencoder.builder(10).encoder(4).build();
        InvalidInputException wide = assertThrows(InvalidInputException.class, () -> Trainer.fit(m, images, quick().build()));
        assertEquals("Data 'embedded' has 784 features per sample but the model expects 10.", wide.getMessage());
        float[] v = new float[40];
        v[13] = Float.NaN;
        InvalidInputException nan = assertThrows(InvalidInputException.class,
                () -> Trainer.fit(m, new Dataset("tiny", v, 4, 10), quick().build()));
        assertEquals("Data 'tiny' holds NaN at row 2, column 4; expected finite numbers only.", nan.getMessage());
    }

    @Test
    void impossibleOptionsAreRejected() {
        assertThrows(InvalidInputException.class, () -> FitOptions.builder().epochs(0).build());
        assertThrows(InvalidInputException.class, () -> FitOptions.builder().batchSize(-1).build());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FitOptions.builder().validationSplit(1.0).build());
        assertTrue(e.getMessage().contains("1.0"), e.getMessage());
    }
}
