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
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;
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

    /**
     * A k-sparse SAE's decoder rows stay at unit norm through the optimizer's step, and the gradient it stepped along
     * was first made tangent to each row (its component along the row removed), as the row constraint promises.
     */
    @Test
    void kSparseDecoderRowsStayOnTheUnitSphere() {
        SparseAutoencoder m = SaeBuilder.of(Architecture.TOPK, 8).width(16).k(2).seed(1).build();
        Parameter wDec = m.parameters().stream().filter(p -> p.name().equals("W_dec")).findFirst().orElseThrow();
        Adam adam = new Adam(0.05);
        for (int step = 0; step < 5; step++) {
            float[] before = wDec.value().clone();
            BatchResult r = m.forwardBackward(X.values(), X.rows(), StepContext.PLAIN);
            assertTrue(Update.apply(m, adam, r, 1.0, 0));
            int d = 8;
            for (int i = 0; i < 16; i++) {
                double dot = 0;
                double gg = 0;
                double sq = 0;
                double moved = 0;
                for (int j = 0; j < d; j++) {
                    dot += (double) wDec.grad()[i * d + j] * before[i * d + j];
                    gg += (double) wDec.grad()[i * d + j] * wDec.grad()[i * d + j];
                    sq += (double) wDec.value()[i * d + j] * wDec.value()[i * d + j];
                    moved += Math.abs(wDec.value()[i * d + j] - before[i * d + j]);
                }
                assertEquals(1.0, Math.sqrt(sq), 1e-6, "row " + i + " after step " + step);
                assertEquals(0.0, dot, 1e-6 * Math.sqrt(gg) + 1e-12, "row " + i + "'s gradient along the row");
                if (gg > 0) {
                    assertTrue(moved > 0, "row " + i + " had a gradient and did not move");
                }
            }
        }
    }
}
