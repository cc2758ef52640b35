package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sae4j.tensor.ParallelRows;

/**
 * The projection and the renormalisation, four rows at a time, against the one-row-at-a-time loops they replaced
 * (kept here as the reference): the same bits for row counts that are and are not multiples of four, rows of zero
 * norm, odd widths, and any thread split.
 */
class DecoderNormTest {
    @AfterEach
    void resetThreads() {
        ParallelRows.splitForTests(0);
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void fourRowsAtATimeHaveTheOneRowBits() {
        Random r = new Random(9);
        for (int[] shape : new int[][] {{1, 7}, {3, 5}, {4, 1}, {9, 33}, {203, 784}, {1001, 300}}) {
            int rows = shape[0];
            int d = shape[1];
            float[] w = random(r, rows * d);
            float[] g = random(r, rows * d);
            java.util.Arrays.fill(w, (rows / 2) * d, (rows / 2 + 1) * d, 0f); // a row of zero norm
            float[] wantG = g.clone();
            float[] wantW = w.clone();
            for (int i = 0; i < rows; i++) {
                int o = i * d;
                double dot = 0;
                double sq = 0;
                for (int j = 0; j < d; j++) {
                    dot += (double) wantG[o + j] * w[o + j];
                    sq += (double) w[o + j] * w[o + j];
                }
                if (sq != 0) {
                    float s = (float) (dot / sq);
                    for (int j = 0; j < d; j++) {
                        wantG[o + j] -= s * w[o + j];
                    }
                    float n = (float) (1.0 / Math.sqrt(sq));
                    for (int j = 0; j < d; j++) {
                        wantW[o + j] *= n;
                    }
                }
            }
            DecoderNorm norm = new DecoderNorm(d);
            for (int threads : new int[] {1, 2, 3, 8}) {
                ParallelRows.splitForTests(threads);
                float[] gotG = g.clone();
                ParallelRows.run(rows, 1, Long.MAX_VALUE, (from, to) -> norm.project(w, gotG, from, to));
                assertArrayEquals(wantG, gotG, rows + " x " + d + ", " + threads + " threads");
                float[] gotW = w.clone();
                ParallelRows.run(rows, 1, Long.MAX_VALUE, (from, to) -> norm.restore(gotW, from, to));
                assertArrayEquals(wantW, gotW, rows + " x " + d + ", " + threads + " threads");
            }
            for (int group = 1; group <= 5; group++) { // the optimizer's row groups, of any size
                float[] gotG = g.clone();
                float[] gotW = w.clone();
                for (int i = 0; i < rows; i += group) {
                    norm.project(w, gotG, i, Math.min(rows, i + group));
                    norm.restore(gotW, i, Math.min(rows, i + group));
                }
                assertArrayEquals(wantG, gotG, rows + " x " + d + ", groups of " + group);
                assertArrayEquals(wantW, gotW, rows + " x " + d + ", groups of " + group);
            }
        }
    }
}
