package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticPairs;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.io.CheckpointFiles;
import org.sae4j.io.ModelFile;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/**
 * {@link ModelContractTest} for transcoders of every architecture, plain and skip, d_in 12 → d_out 7: they train
 * through the one loop on rows [x | y]; the same seed gives the same file bytes; save → load → save is
 * byte-identical and the loaded model encodes and reconstructs exactly as the trained one; the metrics are of y.
 */
class TranscoderContractTest {
    private static final SyntheticPairs PAIRS = new SyntheticPairs(
            SyntheticSpec.parse("synthetic:features=24,dim=12,samples=600,seed=3"), 7, 0.05, 0.3);
    private static final SyntheticPairs.Sample SAMPLE = PAIRS.sample();
    private static final Dataset ROWS = TrainingRows.pair(SAMPLE.inputs(), SAMPLE.targets());

    static Stream<Arguments> models() {
        List<Arguments> all = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            for (boolean skip : new boolean[] {false, true}) {
                all.add(Arguments.of(a, skip));
            }
        }
        return all.stream();
    }

    private static SparseAutoencoder make(Architecture a, boolean skip) {
        SaeBuilder b = SaeBuilder.of(a, 12).width(32).seed(5).targetSize(7).skip(skip);
        if (a.usesK()) {
            b.k(4).auxK(3);
        }
        if (a == Architecture.MATRYOSHKA) {
            b.groups(8, 8, 16);
        }
        return b.build();
    }

    private static FitOptions options(Path checkpoint, long seed) {
        // A small dead window so AuxK and resampling take part in the run.
        return FitOptions.builder().epochs(2).batchSize(64).seed(seed).normalization(Normalizer.Kind.STANDARDIZE)
                .validationSplit(0.1).checkpoints(new CheckpointFiles(checkpoint, null))
                .schedule(new org.sae4j.train.TrainingSchedule(2, 0.2, 3, 1.0, 128L, null, null)).build();
    }

    @ParameterizedTest(name = "{0} skip {1}")
    @MethodSource("models")
    void sameSeedSameBytesAndLosslessRoundTrip(Architecture arch, boolean skip, @TempDir Path dir) throws Exception {
        String name = arch.id() + (skip ? " skip" : "") + " transcoder";
        SparseAutoencoder a = make(arch, skip);
        History h = Trainer.fit(a, ROWS, options(dir.resolve("a.safetensors"), 9));
        assertEquals(2, h.epochs().size());
        assertTrue(Double.isFinite(h.last().loss()), name + " loss " + h.last().loss());
        if (skip) {
            float max = 0;
            for (float v : a.skipWeight().value()) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max > 0, name + ": W_skip did not move from zero");
        }
        Trainer.fit(make(arch, skip), ROWS, options(dir.resolve("b.safetensors"), 9));
        byte[] bytesA = Files.readAllBytes(dir.resolve("a.safetensors"));
        assertArrayEquals(bytesA, Files.readAllBytes(dir.resolve("b.safetensors")), name + ": same seed, other bytes");

        Model loaded = ModelFile.load(dir.resolve("a.safetensors"));
        assertEquals(a.describe(), loaded.describe());
        assertEquals(7, loaded.targetSize());
        ModelFile.save(loaded, dir.resolve("again.safetensors"));
        assertArrayEquals(bytesA, Files.readAllBytes(dir.resolve("again.safetensors")), name + ": save/load/save changed bytes");
        Dataset inputs = SAMPLE.inputs().limit(50);
        Dataset rows = ROWS.limit(50);
        assertArrayEquals(a.encode(inputs).values(), loaded.encode(inputs).values(), name + ": encode differs after load");
        assertArrayEquals(a.reconstruct(rows).values(), loaded.reconstruct(rows).values());
        assertEquals(7, a.reconstruct(rows).cols());

        // The metrics are of the target: EV computed here from y and ŷ alone.
        EvalReport r = Metrics.evaluate(loaded, ROWS, null);
        float[] yHat = loaded.reconstruct(ROWS).values();
        float[] y = loaded.target(loaded.prepareRows(ROWS).values(), ROWS.rows());
        double[] mean = new double[7];
        for (int i = 0; i < y.length; i++) {
            mean[i % 7] += y[i] / (double) ROWS.rows();
        }
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (double) (y[i] - yHat[i]) * (y[i] - yHat[i]);
            sst += (y[i] - mean[i % 7]) * (y[i] - mean[i % 7]);
        }
        assertEquals(1 - sse / sst, r.explainedVariance(), 1e-6, name + " EV");
        assertEquals(sse / y.length, r.mse(), 1e-6 * r.mse(), name + " MSE");

        Trainer.fit(make(arch, skip), ROWS, options(dir.resolve("c.safetensors"), 10));
        assertFalse(java.util.Arrays.equals(bytesA, Files.readAllBytes(dir.resolve("c.safetensors"))),
                name + ": another shuffling seed gave the same model");
    }
}
