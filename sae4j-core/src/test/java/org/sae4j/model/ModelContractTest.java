package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.io.CheckpointFiles;
import org.sae4j.io.ModelFile;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/**
 * The contract every model passes, the deep autoencoder and each SAE architecture alike: it trains through
 * the one loop; the same seed gives the same file bytes; save → load → save is byte-identical and the
 * loaded model encodes and reconstructs exactly as the trained one. (Gradients: SaeGradientTest and
 * AutoencoderGradientTest.)
 */
class ModelContractTest {
    private static final Dataset DATA = SyntheticSpec.parse("synthetic:features=24,dim=12,samples=600,seed=3").dataset();

    static Stream<Arguments> models() {
        List<Arguments> all = new ArrayList<>();
        all.add(Arguments.of("deep autoencoder", (Supplier<Model>) () -> Autoencoder.builder(12).encoder(8, 4)
                .l1Activity(1e-3).seed(5).build()));
        for (Architecture a : Architecture.values()) {
            all.add(Arguments.of(a.id(), (Supplier<Model>) () -> {
                SaeBuilder b = SaeBuilder.of(a, 12).width(32).seed(5);
                if (a.usesK()) {
                    b.k(4).auxK(6);
                }
                if (a == Architecture.MATRYOSHKA) {
                    b.groups(8, 8, 16);
                }
                return b.build();
            }));
        }
        return all.stream();
    }

    private static FitOptions options(Path checkpoint) {
        // A small dead window so AuxK and resampling take part in the run.
        return FitOptions.builder().epochs(2).batchSize(64).seed(9).normalization(Normalizer.Kind.MEAN_NORM)
                .validationSplit(0.1).checkpoints(new CheckpointFiles(checkpoint, null))
                .schedule(new org.sae4j.train.TrainingSchedule(2, 0.2, 3, 1.0, 128L, null, null)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameSeedSameBytesAndLosslessRoundTrip(String name, Supplier<Model> make, @TempDir Path dir) throws Exception {
        Model a = make.get();
        History h = Trainer.fit(a, DATA, options(dir.resolve("a.safetensors")));
        assertEquals(2, h.epochs().size());
        assertTrue(Double.isFinite(h.last().loss()), name + " loss " + h.last().loss());
        Model b = make.get();
        Trainer.fit(b, DATA, options(dir.resolve("b.safetensors")));
        byte[] bytesA = Files.readAllBytes(dir.resolve("a.safetensors"));
        assertArrayEquals(bytesA, Files.readAllBytes(dir.resolve("b.safetensors")), name + ": same seed, other bytes");

        Model loaded = ModelFile.load(dir.resolve("a.safetensors"));
        assertEquals(a.describe(), loaded.describe());
        ModelFile.save(loaded, dir.resolve("again.safetensors"));
        assertArrayEquals(bytesA, Files.readAllBytes(dir.resolve("again.safetensors")), name + ": save/load/save changed bytes");
        Dataset sample = DATA.limit(50);
        assertArrayEquals(a.encode(sample).values(), loaded.encode(sample).values(), name + ": encode differs after load");
        assertArrayEquals(a.reconstruct(sample).values(), loaded.reconstruct(sample).values());

        Model other = make.get();
        Trainer.fit(other, DATA, FitOptions.builder().epochs(2).batchSize(64).seed(10).normalization(Normalizer.Kind.MEAN_NORM)
                .validationSplit(0.1).checkpoints(new CheckpointFiles(dir.resolve("c.safetensors"), null)).build());
        assertFalse(java.util.Arrays.equals(bytesA, Files.readAllBytes(dir.resolve("c.safetensors"))),
                name + ": another shuffling seed gave the same model");
    }
}
