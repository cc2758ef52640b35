package org.sae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;

/** Every EvalReport figure of a hand-set TopK SAE (sparse latents), computed by hand. */
class SaeMetricsTest {
    private static final double EPS = 1e-6;
    private static final float[] B_DEC = {0, 0, 0, 0.5f};

    /**
     * d = 4, width 6, k = 2, encoder sees x - b_dec. Latents 0..3 read and write e_0..e_3; latents 4, 5 have
     * zero rows and b_enc = -1, so they never make the top 2: dead. x_hat = sum of the 2 kept (x - b)_i e_i + b.
     */
    static SparseAutoencoder handSae(float[] bDec) {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, 4).width(6).k(2).applyBDecToInput(true).build();
        float[] w = new float[24];
        for (int i = 0; i < 4; i++) {
            w[i * 4 + i] = 1;
        }
        System.arraycopy(w, 0, sae.encoderWeight().value(), 0, 24);
        System.arraycopy(w, 0, sae.decoderWeight().value(), 0, 24);
        float[] bEnc = {0, 0, 0, 0, -1, -1};
        System.arraycopy(bEnc, 0, sae.encoderBias().value(), 0, 6);
        System.arraycopy(bDec, 0, sae.decoderBias().value(), 0, 4);
        return sae;
    }

    // x - b:  (3,1,0,-.5) keeps 0,1 -> x_hat (3,1,0,.5);  (0,2,1,2.5) keeps 3,1 -> (0,2,0,3);
    //         (2,0,1,-.5) keeps 0,2 -> (2,0,1,.5)
    static final float[] X = {3, 1, 0, 0, 0, 2, 1, 3, 2, 0, 1, 0};

    @Test
    void everyFigureMatchesHandComputation() {
        EvalReport r = Metrics.evaluate(handSae(B_DEC), new Dataset("t", X, 3, 4), null);
        // errors (0,0,0,.5), (0,0,-1,0), (0,0,0,.5): SSE = 1.5 over 12 values
        assertEquals(1.5 / 12, r.mse(), EPS);
        // column means (5/3, 1, 2/3, 1); sum of squares about them 42/9 + 2 + 6/9 + 6 = 120/9
        assertEquals(1.5 / (120.0 / 9), r.fvu(), EPS);
        assertEquals(1 - 1.5 / (120.0 / 9), r.explainedVariance(), EPS);
        // x.x_hat, ||x||^2, ||x_hat||^2 per row: (10, 10, 10.25), (13, 14, 13), (5, 5, 5.25)
        double cos = (10 / Math.sqrt(10 * 10.25) + 13 / Math.sqrt(14 * 13) + 5 / Math.sqrt(5 * 5.25)) / 3;
        assertEquals(cos, r.cosineSimilarity(), EPS);
        assertEquals((Math.sqrt(10.25 / 10) + Math.sqrt(13.0 / 14) + Math.sqrt(5.25 / 5)) / 3, r.l2Ratio(), EPS);
        assertEquals(28.5 / 28, r.relativeReconstructionBias(), EPS);
        // about b_dec: ||x_hat - b||^2 / ||x - b||^2 = 10/10.25, 10.25/11.25, 5/5.25
        assertEquals("b_dec", r.shrinkageCentre());
        assertEquals((Math.sqrt(10 / 10.25) + Math.sqrt(10.25 / 11.25) + Math.sqrt(5 / 5.25)) / 3, r.shrinkage(), EPS);
        assertEquals(2.0, r.l0(), EPS);
        assertEquals(2.0 / 6, r.deadFraction(), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0}, r.density(), EPS);
        assertArrayEquals(new float[] {5f / 3, 1, 1f / 3, 2.5f / 3, 0, 0}, r.meanActivation(), 1e-6f);
        assertEquals(0.0, r.threshold());
        // 10 bins over [log10(1/3), 0]: density 1/3 is the left edge (bin 0); log10(2/3) = -0.176 lands in bin 6
        DensityHistogram h = r.histogram();
        assertEquals(-Math.log10(3), h.edges()[0], EPS);
        assertArrayEquals(new long[] {2, 0, 0, 0, 0, 0, 2, 0, 0, 0}, h.counts());
        assertEquals(2, h.dead());
        assertEquals(-10, r.log10Density()[5], EPS);
    }

    /** SAELens #665: moving the data and b_dec by a constant changes nothing, so explained variance is about the mean. */
    @Test
    void explainedVarianceIsAboutTheMean() {
        float[] shift = {100, -50, 70, 30};
        float[] x = X.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += shift[i % 4];
        }
        float[] b = B_DEC.clone();
        for (int j = 0; j < 4; j++) {
            b[j] += shift[j];
        }
        EvalReport moved = Metrics.evaluate(handSae(b), new Dataset("moved", x, 3, 4), null);
        assertEquals(1 - 1.5 / (120.0 / 9), moved.explainedVariance(), 1e-4);
        // About zero it would read 1 - 1.5 / sum x^2, above 0.999 here.
        double squares = 0;
        for (float v : x) {
            squares += (double) v * v;
        }
        assertFalse(Math.abs(moved.explainedVariance() - (1 - 1.5 / squares)) < 0.1);
    }

    /** SAELens #711: the same figures whether the model sees 1, 7, 64 or 1024 rows at a time. */
    @Test
    void figuresDoNotDependOnTheChunkSize() {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, 16).width(48).k(4).seed(3).build();
        org.sae4j.tensor.Rng rng = org.sae4j.tensor.Rng.forPurpose(5, "chunk-test");
        int rows = 1500;
        float[] x = new float[rows * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 + rng.gaussian());
        }
        Dataset d = new Dataset("g", x, rows, 16);
        EvalReport whole = Metrics.evaluateNormalized(sae, d, null, rows);
        for (int chunk : new int[] {1, 7, 64, 1024}) {
            EvalReport r = Metrics.evaluateNormalized(sae, d, null, chunk);
            double[] a = figures(whole);
            double[] b = figures(r);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-9 * Math.max(1, Math.abs(a[i])), "figure " + i + " at chunk " + chunk);
            }
            assertArrayEquals(whole.density(), r.density(), "chunk " + chunk);
            assertArrayEquals(whole.histogram().counts(), r.histogram().counts());
        }
        assertEquals(4.0, whole.l0(), 1e-12);
    }

    private static double[] figures(EvalReport r) {
        return new double[] {r.mse(), r.fvu(), r.explainedVariance(), r.cosineSimilarity(), r.l2Ratio(),
                r.relativeReconstructionBias(), r.shrinkage(), r.l0(), r.deadFraction(), r.overallMeanActivation()};
    }

    @Test
    void toStringShowsValuesNotArrayAddresses() {
        String s = Metrics.evaluate(handSae(B_DEC), new Dataset("t", X, 3, 4), null).toString();
        assertFalse(s.contains("[F@") || s.contains("[D@") || s.contains("[J@"), s);
        for (String part : new String[] {"mse=0.125", "l0=2.0", "shrinkage=", "about b_dec", "density=[0.6667",
                "dead: 2"}) {
            org.junit.jupiter.api.Assertions.assertTrue(s.contains(part), part + " missing from " + s);
        }
    }
}
