package org.sae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.tensor.Rng;

class ReconstructionMetricsTest {
    private static final double EPS = 1e-12;

    // Three samples in R^2, worked by hand below.
    private static final float[] X = {1, 2, 3, 0, 2, 4};
    private static final float[] X_HAT = {1, 1, 2, 0, 2, 4};

    private static ReconstructionMetrics inChunks(float[] x, float[] xHat, int dim, int chunk, float[] center) {
        ReconstructionMetrics m = new ReconstructionMetrics(dim, center);
        int rows = x.length / dim;
        Iterator<Dataset.Chunk> hats = new Dataset("x_hat", xHat, rows, dim).chunks(chunk).iterator();
        for (Dataset.Chunk c : new Dataset("x", x, rows, dim).chunks(chunk)) {
            m.add(c.values(), hats.next().values(), c.rows());
        }
        return m;
    }

    @Test
    void everyFigureMatchesAHandComputation() {
        ReconstructionMetrics m = inChunks(X, X_HAT, 2, 2, null);
        assertEquals(3, m.samples());
        // Squared errors per row: (0^2 + 1^2) = 1, (1^2 + 0^2) = 1, 0; SSE = 2 over 3 * 2 elements.
        assertEquals(2.0, m.sumSquaredError(), EPS);
        assertEquals(1.0 / 3, m.mse(), EPS);
        // mu = (6/3, 6/3) = (2, 2); ||x - mu||^2 per row: 1 + 0, 1 + 4, 0 + 4; SST = 10; EV = 1 - 2/10.
        assertEquals(10.0, m.totalSumOfSquares(), EPS);
        assertEquals(0.8, m.explainedVariance(), EPS);
        // cos per row: 3 / (sqrt 5 sqrt 2), 6 / (3 * 2) = 1, 1.
        assertEquals((3 / Math.sqrt(10) + 2) / 3, m.cosineSimilarity(), EPS);
        // ||x_hat|| / ||x|| per row: sqrt 2 / sqrt 5, 2 / 3, 1.
        assertEquals((Math.sqrt(0.4) + 2.0 / 3 + 1) / 3, m.l2Ratio(), EPS);
        // sum ||x_hat||^2 = 2 + 4 + 20 = 26; sum x_hat . x = 3 + 6 + 20 = 29.
        assertEquals(26.0 / 29, m.relativeReconstructionBias(), EPS);
        // Without a centre, shrinkage is the l2 ratio.
        assertEquals(m.l2Ratio(), m.shrinkage(), EPS);
    }

    @Test
    void shrinkageIsMeasuredAboutTheDecoderBias() {
        // b = (1, 0): ||x - b|| per row = 2, 2, sqrt 17; ||x_hat - b|| = 1, 1, sqrt 17: ratios 1/2, 1/2, 1.
        ReconstructionMetrics m = inChunks(X, X_HAT, 2, 3, new float[] {1, 0});
        assertEquals(2.0 / 3, m.shrinkage(), EPS);
        assertEquals((Math.sqrt(0.4) + 2.0 / 3 + 1) / 3, m.l2Ratio(), EPS);
    }

    @Test
    void zeroInputsCountInTheErrorButNotInPerSampleRatios() {
        // Row 1: x = 0 (no direction): only in MSE and EV. Row 2: x_hat = 0: cos 0, ratio 0.
        ReconstructionMetrics m = inChunks(new float[] {0, 0, 1, 0}, new float[] {1, 0, 0, 0}, 2, 2, null);
        assertEquals(2.0 / 4, m.mse(), EPS);
        assertEquals(0.0, m.cosineSimilarity(), EPS);
        assertEquals(0.0, m.l2Ratio(), EPS);
        // sum x_hat . x = 0: gamma undefined.
        assertTrue(Double.isNaN(m.relativeReconstructionBias()));
        // mu = (0.5, 0); SST = 0.25 + 0.25 = 0.5; EV = 1 - 2 / 0.5.
        assertEquals(-3.0, m.explainedVariance(), EPS);
    }

    @Test
    void nothingToAverageIsNaN() {
        ReconstructionMetrics m = new ReconstructionMetrics(3);
        assertTrue(Double.isNaN(m.mse()));
        assertTrue(Double.isNaN(m.explainedVariance()));
        m.add(new float[] {1, 2, 3}, new float[] {1, 2, 3}, 1);
        assertEquals(0.0, m.mse());
        // One sample has no variance.
        assertTrue(Double.isNaN(m.explainedVariance()));
        assertEquals(1.0, m.relativeReconstructionBias(), EPS);
    }

    /** SAELens #665: variance about zero makes a constant guess of the mean look nearly perfect. */
    @Test
    void explainedVarianceIsAboutTheMeanNotZero() {
        int rows = 1000;
        int dim = 4;
        Rng rng = new Rng(9);
        float[] x = new float[rows * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1000f + (float) rng.gaussian();
        }
        double[] mu = inChunks(x, x, dim, rows, null).inputMean();
        float[] guess = new float[rows * dim];
        for (int i = 0; i < guess.length; i++) {
            guess[i] = (float) mu[i % dim];
        }
        ReconstructionMetrics m = inChunks(x, guess, dim, 7, null);
        // Predicting the mean explains nothing (up to rounding mu to float).
        assertEquals(0.0, m.explainedVariance(), 1e-6);
        // About zero it would be 1 - SSE / sum x^2, about 1 - 1/10^6: the bug this guards against.
        double aboutZero = 0;
        for (float v : x) {
            aboutZero += (double) v * v;
        }
        assertTrue(1 - m.sumSquaredError() / aboutZero > 0.999);
        // The merged denominator matches a two-pass computation despite the mean of 1000.
        double sst = 0;
        for (int i = 0; i < x.length; i++) {
            sst += (x[i] - mu[i % dim]) * (x[i] - mu[i % dim]);
        }
        assertEquals(sst, m.totalSumOfSquares(), sst * 1e-12);
    }

    /** SAELens #711: figures must not depend on the chunk (batch) size. */
    @Test
    void figuresDoNotDependOnChunkSize() {
        int rows = 2503;
        int dim = 16;
        Rng rng = new Rng(4);
        float[] x = new float[rows * dim];
        float[] xHat = new float[rows * dim];
        for (int i = 0; i < x.length; i++) {
            // Chunk means differ wildly (a drift along the rows), which per-chunk averaging would expose.
            x[i] = (float) (50 + 0.05 * (i / dim) + rng.gaussian());
            xHat[i] = (float) (x[i] * 0.9 + 0.1 * rng.gaussian());
        }
        float[] center = new float[dim];
        Arrays.fill(center, 49f);
        ReconstructionMetrics one = inChunks(x, xHat, dim, 1, center);
        for (int chunk : new int[] {7, 1000, rows}) {
            ReconstructionMetrics m = inChunks(x, xHat, dim, chunk, center);
            // Per-row sums in one fixed order: identical to the last bit.
            assertEquals(one.mse(), m.mse(), "chunk " + chunk);
            assertEquals(one.cosineSimilarity(), m.cosineSimilarity());
            assertEquals(one.l2Ratio(), m.l2Ratio());
            assertEquals(one.relativeReconstructionBias(), m.relativeReconstructionBias());
            assertEquals(one.shrinkage(), m.shrinkage());
            // Chan's merge reorders the variance sums: equal up to double rounding.
            assertEquals(one.explainedVariance(), m.explainedVariance(), 1e-12, "chunk " + chunk);
        }
    }
}
