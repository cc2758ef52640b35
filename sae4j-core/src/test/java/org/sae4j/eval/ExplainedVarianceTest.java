package org.sae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.model.Autoencoder;
import org.sae4j.nn.Activation;

/** The one explained-variance definition against hand computations, constant data included. */
class ExplainedVarianceTest {
    private static final double EPS = 1e-12;

    @Test
    void oneMinusErrorOverVarianceAboutTheMean() {
        // x = (1, 2), (3, 4), (5, 6): column means 3 and 4, sst = (4 + 0 + 4) + (4 + 0 + 4) = 16.
        // x_hat = (1, 2), (3, 5), (4, 6): sse = 0 + 1 + 1 = 2; EV = 1 - 2/16 = 0.875.
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] xHat = {1, 2, 3, 5, 4, 6};
        assertEquals(0.875, ExplainedVariance.of(2, 16), EPS);
        assertEquals(0.125, ExplainedVariance.unexplainedFraction(2, 16), EPS);
        ReconstructionMetrics m = new ReconstructionMetrics(2);
        m.add(x, xHat, 3);
        assertEquals(16, m.totalSumOfSquares(), EPS);
        assertEquals(0.875, m.explainedVariance(), EPS);
        // Worse than the mean: negative, without bound.
        assertEquals(1 - 48.0 / 16, ExplainedVariance.of(48, 16), EPS);
    }

    @Test
    void constantDataHasNoVarianceToExplain() {
        // Every row (2, 7): sst = 0, whether or not the reconstruction is exact.
        assertTrue(Double.isNaN(ExplainedVariance.of(0, 0)));
        assertTrue(Double.isNaN(ExplainedVariance.of(3, 0)));
        ReconstructionMetrics m = new ReconstructionMetrics(2);
        m.add(new float[] {2, 7, 2, 7}, new float[] {2, 7, 2, 8}, 2);
        assertEquals(0, m.totalSumOfSquares());
        assertTrue(Double.isNaN(m.explainedVariance()));
        // The unexplained fraction keeps its documented reading of constant data: none, or all the error.
        assertEquals(0, ExplainedVariance.unexplainedFraction(0, 0));
        assertEquals(Double.POSITIVE_INFINITY, ExplainedVariance.unexplainedFraction(3, 0));
    }

    @Test
    void evaluationOnConstantDataSaysNaN() {
        // A linear 2-1-2 autoencoder with all weights zero reconstructs every row as its output bias, 0.
        Autoencoder zero = Autoencoder.builder(2).encoder(1).activation(Activation.RELU)
                .outputActivation(Activation.LINEAR).build();
        zero.parameters().forEach(p -> java.util.Arrays.fill(p.value(), 0f));
        EvalReport r = Metrics.evaluate(zero, new Dataset("constant", new float[] {2, 7, 2, 7, 2, 7}, 3, 2), null);
        assertTrue(Double.isNaN(r.explainedVariance()), "EV " + r.explainedVariance());
        assertEquals(Double.POSITIVE_INFINITY, r.fvu());
    }
}
