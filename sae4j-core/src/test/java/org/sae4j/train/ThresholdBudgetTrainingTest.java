package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.io.ModelFile;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Adam;
import org.sae4j.tensor.NamedArrays;

/**
 * A JumpReLU or a gated SAE trained to a target L0 through {@link Trainer#fit}, its thresholds (gated: θ = b_mag −
 * exp(r_mag)·b_gate) following the top-k budget: the L0 of the last epoch's training steps, and of the trained model
 * on the training rows and on held-out ones, lands within 10% of the target, a fractional one too; and a run stopped
 * before the switch from the top-k to the thresholds (or after it) and resumed from the state of that moment ends with
 * the bytes of an unbroken run. At 3.5 JumpReLU's held-out L0 was 3.86 (10.2% over) while the budget's counts were
 * rounded latent by latent (BudgetCountsTest); 3.75 since.
 */
class ThresholdBudgetTrainingTest {
    /** Zipf firing of 96 features in R^24, uniform coefficients: not the shape of the other target tests. */
    private static final String TASK = "synthetic:features=96,dim=24,active=4,dist=zipf,alpha=1,coeff=uniform,"
            + "coeffmin=0,coeffmax=1";
    private static final Dataset TRAIN = SyntheticSpec.parse(TASK + ",samples=8000,seed=7").dataset();
    private static final Dataset HELD_OUT = SyntheticSpec.parse(TASK + ",samples=2000,seed=7,start=8000").dataset();

    private static SparseAutoencoder sae(Architecture a, int width) {
        return SaeBuilder.of(a, 24).width(width).seed(13).build();
    }

    @ParameterizedTest(name = "{0}, target L0 {1}")
    @CsvSource({"JUMPRELU, 3.5", "JUMPRELU, 6", "GATED, 3.5", "GATED, 6"})
    void theL0LandsWithinTenPercentOfTheTarget(Architecture a, double target) {
        SparseAutoencoder sae = sae(a, 128);
        History history = Trainer.fit(sae, TRAIN, FitOptions.builder().epochs(4).batchSize(128).seed(1)
                .optimizer(() -> new Adam(1e-3)).normalization(Normalizer.Kind.NONE)
                .sparsityTarget(SparsityTarget.l0(target)).build());
        List<EpochStats> epochs = history.epochs();
        double trainingSteps = epochs.get(epochs.size() - 1).l0(); // the thresholds' own, in the run's second half
        EvalReport train = Metrics.evaluate(sae, TRAIN, null);
        EvalReport heldOut = Metrics.evaluate(sae, HELD_OUT, null);
        System.out.printf("%s target %.1f: last epoch's L0 %.3f, trained model's L0 %.3f (train), %.3f (held out),"
                + " held-out FVU %.4f%n", a.id(), target, trainingSteps, train.l0(), heldOut.l0(), heldOut.fvu());
        assertEquals(target, trainingSteps, 0.1 * target, "the last epoch's training L0");
        assertEquals(target, train.l0(), 0.1 * target, "the trained model's L0 on the training rows");
        assertEquals(target, heldOut.l0(), 0.1 * target, "the trained model's L0 on held-out rows");
        assertTrue(heldOut.fvu() < 0.5, "held-out FVU " + heldOut.fvu()); // it learned, rather than firing at random
        // Its λ took no part, so it names the target it was trained to, as eval and the other commands print it.
        String name = target == 6 ? "6" : "3.5";
        assertEquals(a.id() + " SAE 24-128 (target L0 " + name + ")", sae.describe());
        assertTrue(sae(a, 128).describe().contains("lambda="), "an untrained one names its λ");
    }

    /** 3,000 rows; a budget of 5,000 rows in batches of 64 is 79 steps, the top-k picking the latents of the first 39. */
    private static final Dataset SMALL = SyntheticSpec.parse(TASK + ",samples=3000,seed=9").dataset();

    private static FitOptions.Builder options(CheckpointSink sink) {
        return FitOptions.builder().batchSize(64).samples(5000L).normalization(Normalizer.Kind.MEAN_NORM).seed(3)
                .sparsityTarget(SparsityTarget.l0(3.5)).checkpoints(sink);
    }

    private static byte[] bytes(SparseAutoencoder m, Path file) throws Exception {
        ModelFile.save(m, file);
        return Files.readAllBytes(file);
    }

    @ParameterizedTest(name = "{0} stopped after {1} steps")
    @CsvSource({"JUMPRELU, 17, true", "JUMPRELU, 52, false", "GATED, 17, true", "GATED, 52, false"})
    void aRunStoppedAndResumedEndsWithTheBytesOfAnUnbrokenOne(Architecture a, int stopAfter, boolean beforeTheSwitch,
            @TempDir Path dir) throws Exception {
        SparseAutoencoder reference = sae(a, 64);
        Trainer.fit(reference, SMALL, options(new TrainRunTest.RecordingSink()).build());

        TrainRunTest.RecordingSink sink = new TrainRunTest.RecordingSink();
        AtomicInteger taken = new AtomicInteger();
        SparseAutoencoder stopped = sae(a, 64);
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> Trainer.fit(stopped, SMALL, options(sink)
                .stopRequested(() -> taken.get() >= stopAfter).listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int batchIndex, EpochStats s) {
                        taken.incrementAndGet();
                    }
                }).build()));
        long switchStep = (long) (SparsityController.SELECTION_FRACTION * e.totalSteps());
        assertEquals(beforeTheSwitch, e.step() < switchStep, e.step() + " of " + e.totalSteps() + ", switch at "
                + switchStep);
        assertTrue(e.saved() && e.step() < e.totalSteps(), e.step() + " of " + e.totalSteps());
        NamedArrays moment = sink.states.get(sink.states.size() - 1);
        assertEquals(e.step(), moment.longs("run/position")[0]);

        SparseAutoencoder resumed = sae(a, 64);
        Trainer.fit(resumed, SMALL, options(new TrainRunTest.RecordingSink()).resume(moment).build());
        assertArrayEquals(bytes(reference, dir.resolve("a.safetensors")), bytes(resumed, dir.resolve("b.safetensors")));
    }
}
