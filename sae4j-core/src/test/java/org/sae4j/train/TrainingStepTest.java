package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Model;
import org.sae4j.model.Preparation;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.tensor.NamedArrays;

/**
 * The step's state is all a step depends on: steps restored from a captured state continue exactly as the steps
 * it was captured from (what a data-parallel round relies on when it broadcasts the state to every partition).
 */
class TrainingStepTest {
    private static final Dataset X = Normalizer.fit(Normalizer.Kind.MEAN_NORM,
            SyntheticSpec.parse("synthetic:features=30,dim=10,samples=256,seed=8").dataset()).apply(
            SyntheticSpec.parse("synthetic:features=30,dim=10,samples=256,seed=8").dataset());

    private static TrainingStep steps(Architecture a, long seed) {
        SaeBuilder b = SaeBuilder.of(a, 10).width(40).seed(seed);
        if (a.usesK()) {
            b.k(3).auxK(5);
        }
        if (a == Architecture.MATRYOSHKA) {
            b.groups(10, 30);
        }
        Model m = b.build();
        m.prepare(new Preparation(null, X, Double.NaN));
        FitOptions o = FitOptions.builder().batchSize(32).sparsityTarget(a.usesCoefficient() ? SparsityTarget.l0(4) : null)
                .schedule(new TrainingSchedule(2, 0.2, 2, 1.0, 64L, null, null)).build();
        return TrainingStep.of(m, o, 40, X.rows(), 32);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void restoredStepsContinueBitForBit(Architecture a) {
        TrainingStep original = steps(a, 1);
        for (int s = 0; s < 12; s++) {
            assertNotNull(original.take(batch(s), 32, s, 1.0));
        }
        NamedArrays at12 = original.state();
        TrainingStep restored = steps(a, 77); // other initial weights, all overwritten by the state
        restored.restore(at12);
        for (int s = 12; s < 20; s++) {
            original.take(batch(s), 32, s, 1.0);
            restored.take(batch(s), 32, s, 1.0);
        }
        assertEquals(original.state(), restored.state(), a.id());
    }

    private static float[] batch(int s) {
        int from = (s * 32) % X.rows();
        return Arrays.copyOfRange(X.values(), from * 10, (from + 32) * 10);
    }
}
