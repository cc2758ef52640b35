package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.spark.TestSpark;
import org.sae4j.train.Trainer;

/**
 * A target L0 on a cluster for the models whose thresholds follow a top-k budget (JumpReLU, gated): each replica
 * moves its thresholds toward its own rows' splits, and averaging the replicas averages log θ (for gated, b_gate),
 * which is not the average θ. The controller trims the budget on the L0 the replicas' thresholds give, so two
 * partitions land the held-out L0 within 10% of the target and reconstruct within 10% of one machine. A standard SAE
 * searches its coefficient over distributed runs as one machine does over its own, and lands as well.
 */
class BudgetPartitionsTest {
    private static final String SPEC = "synthetic:features=64,dim=32,active=3,seed=5";
    private static final Dataset TRAIN = SyntheticSpec.parse(SPEC + ",samples=16000").dataset();
    private static final Dataset HELD_OUT = SyntheticSpec.parse(SPEC + ",samples=4000,start=16000").dataset();
    private static final double TARGET = 4;

    private static SparseAutoencoder sae(Architecture arch) {
        return SaeBuilder.of(arch, 32).width(128).seed(1).build();
    }

    private static TrainSettings settings() {
        return new TrainSettings(8, null, 256, 1, true, Normalizer.Kind.NONE, "adam", 4e-3, null, null, null, null, null,
                null, TARGET);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"JUMPRELU", "GATED", "STANDARD"})
    void twoPartitionsLandTheTargetAsOneMachineDoes(Architecture arch) {
        SparseAutoencoder one = sae(arch);
        Trainer.fit(one, TRAIN, settings().fitOptions(one));
        DistributedTrainer trainer = new DistributedTrainer(TestSpark.context(), settings(), 16).partitions(2);
        SparseAutoencoder two = (SparseAutoencoder) trainer.fit(sae(arch), TestSpark.rows(TRAIN, 1), "the synthetic rows");
        EvalReport r1 = Metrics.evaluate(one, HELD_OUT, null);
        EvalReport r2 = Metrics.evaluate(two, HELD_OUT, null);
        System.out.printf("%s target %.0f: one machine L0 %.3f FVU %.4f; two partitions L0 %.3f FVU %.4f%n", arch, TARGET,
                r1.l0(), r1.fvu(), r2.l0(), r2.fvu());
        assertEquals(TARGET, r1.l0(), 0.1 * TARGET, "one machine's held-out L0");
        assertEquals(TARGET, r2.l0(), 0.1 * TARGET, "two partitions' held-out L0");
        assertTrue(r2.fvu() <= 1.1 * r1.fvu(), "FVU " + r2.fvu() + " against one machine's " + r1.fvu());
    }
}
