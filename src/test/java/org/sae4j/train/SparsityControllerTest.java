package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.SparsityControl;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Adam;

/**
 * --target-l0 on a synthetic task with known sparsity (256 features in R^64, 5 active per sample): the
 * controller must land the held-out L0 (fresh samples, another seed) within 5% of targets on either side
 * of where a fixed coefficient would leave it.
 */
class SparsityControllerTest {
    private static final Dataset TRAIN = SyntheticSpec.parse("synthetic:features=256,dim=64,active=5,samples=30000,seed=1").dataset();
    private static final Dataset HELD_OUT = SyntheticSpec.parse("synthetic:features=256,dim=64,active=5,samples=4000,seed=1,start=30000").dataset();

    static EvalReport trainTo(Architecture arch, double targetL0) {
        SparseAutoencoder sae = SaeBuilder.of(arch, 64).width(256).coefficient(1e-3).build();
        Trainer.fit(sae, TRAIN, FitOptions.builder().epochs(6).batchSize(128).seed(1).optimizer(() -> new Adam(1e-3))
                .normalization(Normalizer.Kind.NONE).sparsityTarget(SparsityTarget.l0(targetL0)).build());
        EvalReport r = Metrics.evaluate(sae, HELD_OUT, null);
        SparsityControl c = sae.sparsityControl();
        System.out.printf("%s target %.1f: held-out L0 %.3f, EV %.4f, control %s%n", arch, targetL0, r.l0(),
                r.explainedVariance(), c);
        assertNotNull(c);
        assertFalse(c.saturated());
        assertEquals(targetL0, c.target());
        return r;
    }

    @Test
    void standardLandsTheHeldOutL0OnTarget() {
        for (double target : new double[] {8, 20}) {
            assertEquals(target, trainTo(Architecture.STANDARD, target).l0(), 0.05 * target);
        }
    }
}
