package org.sae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparsityMetricsTest {
    private static final double EPS = 1e-12;

    // Three samples, four latents. Row 1 fires latents 0 and 3 (the -1 is off), row 2 fires 3, row 3 nothing.
    private static final float[] DENSE = {
        0.5f, 0, -1, 2,
        0, 0, 0, 1,
        0, 0, 0, 0,
    };

    private static void assertHandFigures(SparsityMetrics m, double l1) {
        assertEquals(3, m.samples());
        // 3 firings over 3 samples.
        assertEquals(1.0, m.l0(), EPS);
        assertEquals(l1, m.l1(), EPS);
        assertArrayEquals(new long[] {1, 0, 0, 2}, m.firingCounts());
        assertEquals(2, m.deadCount());
        assertEquals(0.5, m.deadFraction(), EPS);
        assertArrayEquals(new double[] {1.0 / 3, 0, 0, 2.0 / 3}, m.density(), EPS);
        assertArrayEquals(new double[] {Math.log10(1.0 / 3 + 1e-10), -10, -10, Math.log10(2.0 / 3 + 1e-10)},
                m.log10Density(), EPS);
        // Two bins over [log10(1/3), 0] = [-0.477, 0]: log10(1/3) in bin 0, log10(2/3) = -0.176 in bin 1.
        DensityHistogram h = m.histogram(2);
        assertArrayEquals(new double[] {Math.log10(1.0 / 3), Math.log10(1.0 / 3) / 2, 0}, h.edges(), EPS);
        assertArrayEquals(new long[] {1, 1}, h.counts());
        assertEquals(2, h.dead());
        assertEquals(2, h.alive());
    }

    @Test
    void denseRowsMatchAHandCount() {
        SparsityMetrics m = new SparsityMetrics(4);
        m.addDense(DENSE, 3);
        // l1: (0.5 + 1 + 2) + 1 + 0 over 3 samples.
        assertHandFigures(m, 4.5 / 3);
    }

    @Test
    void compressedRowsGiveTheSameFigures() {
        SparsityMetrics m = new SparsityMetrics(4);
        m.addCsr(new int[] {0, 3}, new int[] {0, 2, 3}, new float[] {0.5f, -1, 2}, 1);
        m.addCsr(new int[] {0, 1, 1}, new int[] {3}, new float[] {1}, 2);
        assertHandFigures(m, 4.5 / 3);
    }

    @Test
    void fixedKRowsGiveTheSameFirings() {
        // TopK layout, k = 2; zeros kept in a row (a ReLU'd top-k value) are not firings.
        SparsityMetrics m = new SparsityMetrics(4);
        m.addSparse(new int[] {0, 3, 3, 1}, new float[] {0.5f, 2, 1, 0}, 2, 2);
        m.addSparse(new int[] {0, 2}, new float[] {0, 0}, 1, 2);
        assertHandFigures(m, 3.5 / 3);
    }

    @Test
    void densityOneLandsInTheLastBinAndNothingSeenIsNaN() {
        SparsityMetrics m = new SparsityMetrics(2);
        assertTrue(Double.isNaN(m.l0()));
        m.addDense(new float[] {1, 0, 1, 0, 1, 0, 1, 1}, 4);
        DensityHistogram h = m.histogram(4);
        // Latent 0 density 1 (log 0) in the last bin; latent 1 density 1/4 = the bottom edge, bin 0.
        assertArrayEquals(new long[] {1, 0, 0, 1}, h.counts());
        assertEquals(0, h.dead());
    }
}
