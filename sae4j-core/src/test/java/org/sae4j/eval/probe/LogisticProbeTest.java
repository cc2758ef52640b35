package org.sae4j.eval.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.tensor.SparseCode;

/** The probe's shared feature scale and its validated settings. */
class LogisticProbeTest {
    @Test
    void sharedScaleAveragesTheMeanSquareOverLiveFeaturesOnly() {
        // Two rows, three features: feature 0 is 2 then 0, feature 1 is 0 then 4, feature 2 never fires.
        SparseCode x = SparseCode.fromDense(new float[]{2, 0, 0, 0, 4, 0}, 2, 3);
        // Mean squares 2 and 8 over the two live features: 5; the dead one does not dilute it.
        assertEquals(1 / Math.sqrt(5), LogisticProbe.sharedScale(x), 1e-12);
    }

    @Test
    void overallScaleOfTheFeaturesDoesNotMatter() {
        // The same features at 1x and 1000x: one shared factor undoes the difference, so latents of any
        // magnitude and pixels in [0,1] are probed alike.
        int[] labels = new int[ProbingTest.ROWS];
        float[] v = ProbingTest.values(labels);
        float[] big = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            big[i] = 1000 * v[i];
        }
        SparseCode x = SparseCode.fromDense(v, ProbingTest.ROWS, ProbingTest.DIM);
        SparseCode y = SparseCode.fromDense(big, ProbingTest.ROWS, ProbingTest.DIM);
        ProbeReport r = Probing.run(y, x, labels, 0.8, 3, 5);
        assertEquals(r.rawAccuracy(), r.latentAccuracy(), 0.005, "1000x " + r.latentAccuracy() + " vs 1x " + r.rawAccuracy());
    }

    @Test
    void tunedProbePicksFromTheGridByValidation() {
        int[] labels = new int[ProbingTest.ROWS];
        SparseCode x = SparseCode.fromDense(ProbingTest.values(labels), ProbingTest.ROWS, ProbingTest.DIM);
        int[] y = Probing.classIndices(labels);
        LogisticProbe a = TunedProbe.fit(x, y, 3, 5, 1);
        LogisticProbe b = TunedProbe.fit(x, y, 3, 5, 1);
        assertTrue(TunedProbe.GRID.contains(a.settings()), a.settings().toString());
        assertEquals(a.settings(), b.settings());
        assertEquals(a.accuracy(x, y), b.accuracy(x, y), 0.0);
        // Refitted on all the rows, the chosen setting separates these classes (a margin of 1 in one column).
        assertTrue(a.accuracy(x, y) > 0.95, "train accuracy " + a.accuracy(x, y));
    }
}
