package org.sae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/** Sums of separate passes merge into the sums of all their rows: by hand, and against one pass over everything. */
class MetricsMergeTest {
    /**
     * Rows x = [1,2], [3,4] | [5,6] and x_hat = [1,1], [3,3] | [4,6] in two parts: sse 2 + 1 = 3, mean (3, 4),
     * sum of centred squares 8 + 8 = 16, Σ||x_hat||² = 2 + 18 + 52 = 72, Σ x_hat·x = 3 + 21 + 56 = 80.
     */
    @Test
    void reconstructionSumsMergeByHand() {
        ReconstructionMetrics a = new ReconstructionMetrics(2);
        a.add(new float[] {1, 2, 3, 4}, new float[] {1, 1, 3, 3}, 2);
        ReconstructionMetrics b = new ReconstructionMetrics(2);
        b.add(new float[] {5, 6}, new float[] {4, 6}, 1);
        a.merge(b);
        assertEquals(3, a.samples());
        assertEquals(3.0 / 6, a.mse(), 1e-15);
        assertArrayEquals(new double[] {3, 4}, a.inputMean(), 1e-15);
        assertEquals(16, a.totalSumOfSquares(), 1e-12);
        assertEquals(1 - 3.0 / 16, a.explainedVariance(), 1e-15);
        assertEquals(72.0 / 80, a.relativeReconstructionBias(), 1e-15);
        double cos = (3 / Math.sqrt(10) + 21 / (5 * Math.sqrt(18)) + 56 / (Math.sqrt(61) * Math.sqrt(52))) / 3;
        assertEquals(cos, a.cosineSimilarity(), 1e-15);
        double l2 = (Math.sqrt(2.0 / 5) + Math.sqrt(18.0 / 25) + Math.sqrt(52.0 / 61)) / 3;
        assertEquals(l2, a.l2Ratio(), 1e-15);
        a.merge(new ReconstructionMetrics(2));
        assertEquals(3, a.samples(), "an empty part adds nothing");
        assertThrows(IllegalArgumentException.class, () -> a.merge(new ReconstructionMetrics(3)));
    }

    /** Activations [0,1,2,0], [0,0,3,0] | [4,0,0,0]: fires 1, 1, 2, 0; L0 4/3, L1 10/3, one latent of four dead. */
    @Test
    void sparsityCountsMergeByHand() {
        SparsityMetrics a = new SparsityMetrics(4);
        a.addDense(new float[] {0, 1, 2, 0, 0, 0, 3, 0}, 2);
        SparsityMetrics b = new SparsityMetrics(4);
        b.addDense(new float[] {4, 0, 0, 0}, 1);
        a.merge(b);
        assertArrayEquals(new long[] {1, 1, 2, 0}, a.firingCounts());
        assertEquals(4.0 / 3, a.l0(), 1e-15);
        assertEquals(10.0 / 3, a.l1(), 1e-15);
        assertEquals(0.25, a.deadFraction());
        assertEquals(3, a.samples());
    }

    /** A trained TopK SAE on 1,000 rows: three passes of 300, 0 and 700 rows merged give the one pass's report. */
    @Test
    void passesMergeIntoTheOnePassReport() {
        Dataset data = SyntheticSpec.parse("synthetic:features=24,dim=8,active=3,samples=1000,seed=6").dataset();
        Model sae = SaeBuilder.of(Architecture.TOPK, 8).width(32).k(3).seed(2).build();
        Trainer.fit(sae, data, FitOptions.builder().epochs(1).batchSize(100).build());
        EvalReport whole = Metrics.evaluate(sae, data, null);
        EvalSums merged = null;
        for (int[] range : new int[][] {{0, 300}, {300, 300}, {300, 1000}}) {
            Metrics.Pass pass = new Metrics.Pass(sae, 8, null);
            int n = range[1] - range[0];
            if (n > 0) {
                pass.addRaw(java.util.Arrays.copyOfRange(data.values(), range[0] * 8, range[1] * 8), n, "part");
            }
            merged = merged == null ? pass.sums() : merged.merge(pass.sums());
        }
        EvalReport r = merged.report(data.name());
        assertEquals(whole.samples(), r.samples());
        assertEquals(whole.l0(), r.l0(), "firings are counted exactly");
        assertEquals(whole.deadFraction(), r.deadFraction());
        assertArrayEquals(whole.density(), r.density());
        assertEquals(String.valueOf(whole.histogram()), String.valueOf(r.histogram()));
        assertEquals(whole.mse(), r.mse(), 1e-12 * whole.mse());
        assertEquals(whole.fvu(), r.fvu(), 1e-12 * whole.fvu());
        assertEquals(whole.cosineSimilarity(), r.cosineSimilarity(), 1e-12);
        assertEquals(whole.shrinkage(), r.shrinkage(), 1e-12);
        assertArrayEquals(whole.meanActivation(), r.meanActivation(), 1e-6f);
    }
}
