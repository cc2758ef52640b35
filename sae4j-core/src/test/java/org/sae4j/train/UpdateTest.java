package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.BatchTopKSae;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.optim.Adam;

class UpdateTest {
    private static final Dataset X = SyntheticSpec.parse("synthetic:features=20,dim=8,samples=32,seed=4").dataset();

    @Test
    void aNonFiniteGradientChangesNothing() {
        BatchTopKSae m = (BatchTopKSae) SaeBuilder.of(Architecture.BATCHTOPK, 8).width(16).k(2).seed(1).build();
        BatchResult r = m.forwardBackward(X.values(), X.rows(), StepContext.PLAIN);
        m.parameters().get(0).grad()[3] = Float.NaN;
        float[] before = m.parameters().get(0).value().clone();
        Adam adam = new Adam();
        assertFalse(Update.apply(m, adam, r, 1.0, 0));
        assertArrayEquals(before, m.parameters().get(0).value());
        assertEquals(0, adam.steps());
        assertTrue(Double.isNaN(m.threshold()), "afterStep did not run");
    }

    /** BatchTopK's threshold follows the minKept the result carries, not anything the model kept from the step. */
    @Test
    void batchTopKThresholdFollowsTheResultsSmallestKeptActivation() {
        BatchTopKSae m = (BatchTopKSae) SaeBuilder.of(Architecture.BATCHTOPK, 8).width(16).k(2).seed(1).build();
        BatchResult r = m.forwardBackward(X.values(), X.rows(), StepContext.PLAIN);
        float smallest = Float.POSITIVE_INFINITY;
        for (int e = 0; e < r.sparse().size(); e++) {
            smallest = Math.min(smallest, r.sparse().value()[e]);
        }
        assertEquals(smallest, r.minKept(), 0.0);
        assertTrue(Update.apply(m, new Adam(), r.withMinKept(0.75), 1.0, 0));
        assertEquals(0.75, m.threshold(), 0.0, "the first threshold is the step's value");
        m.afterStep(r.withMinKept(1.75));
        // The debiased average (BatchTopKThresholdTest), held as the float a checkpoint stores, so a resumed run
        // continues from it exactly: (0.99·0.01·0.75 + 0.01·1.75) / (0.99·0.01 + 0.01).
        float second = (float) ((0.99 * (float) 0.01 * 0.75 + 0.01 * 1.75) / (0.99 * (float) 0.01 + 0.01));
        assertEquals(second, m.threshold(), 1e-6);
        float held = (float) m.threshold();
        m.afterStep(r.withMinKept(Double.NaN));
        assertEquals(held, m.threshold(), 0.0, "a step with nothing kept leaves it");
    }
}
