package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.train.FitOptions;
import org.sae4j.train.LocalSteps;
import org.sae4j.train.StepEngine;
import org.sae4j.train.Trainer;

/**
 * With one partition a distributed run is {@code Trainer.fit}: the same batches, the same steps, restored between
 * rounds, so the model file (weights, buffers, normaliser, history, sparsity control) is the same bytes. Rounds of
 * 5 steps end inside epochs of 16 steps, and the budget ends inside a pass.
 */
class OnePartitionTest {
    static final Dataset DATA = SyntheticSpec.parse("synthetic:features=48,dim=16,active=3,samples=2000,seed=3").dataset();

    static Model sae(Architecture a) {
        SaeBuilder b = SaeBuilder.of(a, 16).width(64).seed(7);
        if (a.usesK()) {
            b.k(4);
        }
        return b.build();
    }

    static TrainSettings settings(Architecture a) {
        return new TrainSettings(2, 5000L, 128, 11, true, Normalizer.Kind.MEAN_NORM, "adam", 3e-3, null, 0.2, null, null,
                null, null, a == Architecture.STANDARD || a == Architecture.JUMPRELU ? 4.0 : null);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"TOPK", "BATCHTOPK", "STANDARD", "JUMPRELU"})
    void onePartitionIsTrainerFitBitForBit(Architecture a) {
        Model local = sae(a);
        Trainer.fit(local, DATA, settings(a).fitOptions(local));
        Model spread = new DistributedTrainer(TestSpark.context(), settings(a), 5)
                .fit(sae(a), TestSpark.rows(DATA, 3).coalesce(1), "the test rows");
        assertArrayEquals(ModelBytes.of(local), ModelBytes.of(spread), a.id());
    }

    /**
     * A JumpReLU SAE with a narrow given bandwidth (ε = 0.05, which is no float, and θ left to calibration) whose
     * latents all die in its one epoch, so the pre-activation loss (at its default coefficient, scaled by ε) acts from
     * then on: still the same bytes. Each round's replica restores the state, buffers included, so this holds only
     * while a restore leaves ε the config's exact value. The local run shows that latents died and the loss acted.
     */
    @Test
    void jumpReluWithDeadLatentsIsTrainerFitBitForBit() {
        Dataset data = SyntheticSpec.parse("synthetic:features=24,dim=8,samples=1200,seed=2").dataset();
        Supplier<Model> sae = () -> SaeBuilder.of(Architecture.JUMPRELU, 8).width(32).seed(7).bandwidth(0.05).build();
        TrainSettings s = new TrainSettings(1, null, 100, 11, true, Normalizer.Kind.MIN_MAX, "adam", 3e-3, null, null,
                null, null, null, null, null);
        Model local = sae.get();
        FitOptions o = s.fitOptions(local);
        double[] revival = new double[1];
        StepEngine counting = (model, x, rows, context) -> {
            BatchResult r = LocalSteps.INSTANCE.step(model, x, rows, context);
            revival[0] += r.aux();
            return r;
        };
        FitOptions options = new FitOptions(o.epochs(), o.batchSize(), o.optimizer(), o.validationSplit(),
                o.validationData(), o.shuffle(), o.seed(), o.normalization(), o.listeners(), o.checkpoints(),
                o.activeThreshold(), o.schedule(), o.sparsityTarget(), o.samples(), o.checkpointEvery(), o.resume(),
                o.runArgs(), counting, o.stopRequested());
        Trainer.fit(local, data, options);
        Model spread = new DistributedTrainer(TestSpark.context(), s, 5)
                .fit(sae.get(), TestSpark.rows(data, 3).coalesce(1), "the test rows");
        assertEquals(1.0, local.history().epochs().get(0).deadFraction(), "the latents died");
        assertTrue(revival[0] > 0, "the pre-activation loss acted");
        assertArrayEquals(ModelBytes.of(local), ModelBytes.of(spread));
    }
}
