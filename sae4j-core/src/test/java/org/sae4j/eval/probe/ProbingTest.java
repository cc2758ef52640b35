package org.sae4j.eval.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;
import org.sae4j.tensor.Rng;
import org.sae4j.tensor.SparseCode;

/**
 * Probes on data with a known answer: the class is which of columns 3, 7 and 11 is largest, among 16 noise
 * columns; so the full probe must be near perfect, and the top-k ranking must find exactly those columns.
 */
class ProbingTest {
    static final int ROWS = 3000;
    static final int DIM = 16;
    static final int[] INFORMATIVE = {3, 7, 11};

    static float[] values(int[] labels) {
        Rng rng = new Rng(5);
        float[] x = new float[ROWS * DIM];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < DIM; j++) {
                x[r * DIM + j] = (float) rng.nextDouble();
            }
            int c = rng.nextInt(3);
            x[r * DIM + INFORMATIVE[c]] += 1f; // the class's column wins by a margin
            labels[r] = 10 * c - 4; // arbitrary label values: the probe maps them to 0..2
        }
        return x;
    }

    @Test
    void findsTheInformativeColumnsAndClassifies() {
        int[] labels = new int[ROWS];
        SparseCode x = SparseCode.fromDense(values(labels), ROWS, DIM);
        ProbeReport r = Probing.run(x, x, labels, 0.8, 1, 20);
        assertEquals(3, r.classes());
        assertEquals(2400, r.trainRows());
        assertEquals(600, r.testRows());
        assertTrue(r.latentAccuracy() > 0.97, "full probe " + r.latentAccuracy());
        int[] top3 = Arrays.copyOf(r.topLatents(), 3);
        Arrays.sort(top3);
        assertArrayEquals(INFORMATIVE, top3, "ranked " + Arrays.toString(r.topLatents()));
        // One informative column separates one class from the rest: about 2/3; two separate all three (linearly, so near 1).
        assertTrue(r.latentSparse()[0] > 0.6 && r.latentSparse()[0] < 0.75, "top-1 " + r.latentSparse()[0]);
        assertTrue(r.latentSparse()[1] > 0.9, "top-2 " + r.latentSparse()[1]);
    }

    @Test
    void sameSeedSameAccuraciesOtherSeedOtherSplit() {
        int[] labels = new int[ROWS];
        SparseCode x = SparseCode.fromDense(values(labels), ROWS, DIM);
        ProbeReport a = Probing.run(x, x, labels, 0.8, 7, 5);
        ProbeReport b = Probing.run(x, x, labels, 0.8, 7, 5);
        assertEquals(a.latentAccuracy(), b.latentAccuracy(), 0.0);
        assertArrayEquals(a.latentSparse(), b.latentSparse(), 0.0);
        assertArrayEquals(a.rawSparse(), b.rawSparse(), 0.0);
    }

    @Test
    void refusesOneClassOrNoTestRows() {
        SparseCode x = SparseCode.fromDense(new float[10 * 2], 10, 2);
        assertThrows(InvalidInputException.class, () -> Probing.run(x, x, new int[10], 0.8, 0, 1));
        int[] two = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        assertThrows(InvalidInputException.class, () -> Probing.run(x, x, two, 0.05, 0, 1));
    }
}
