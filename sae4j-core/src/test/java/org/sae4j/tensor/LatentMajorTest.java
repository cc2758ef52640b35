package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The latent-by-latent gathers and value gradients against the row-by-row loops they replaced (kept here as the
 * reference): the same bits, for widths with and without a vector tail, work split for one to many threads (more
 * threads than rows too), stored zeros, a missing bias, and rows with no entry.
 */
class LatentMajorTest {
    private static final boolean VECTOR = Kernels.defaults().name().startsWith("vector");

    @AfterEach
    void resetThreads() {
        ParallelRows.threadsForTests = 0;
        SparseKernels.latentMajorAbove = 32L << 20;
        SparseKernels.reuse = 8;
    }

    /** A code of {@code rows} × {@code width}: 0..k entries a row at random latents, some stored zeros. */
    private static SparseCode code(Random r, int rows, int width, int k) {
        float[] dense = new float[rows * width];
        for (int row = 0; row < rows; row++) {
            int n = row % 5 == 4 ? 0 : r.nextInt(k + 1);
            for (int j = 0; j < n; j++) {
                dense[row * width + r.nextInt(width)] = 2 * r.nextFloat() - 1;
            }
        }
        SparseCode c = SparseCode.fromDense(dense, rows, width);
        for (int e = 0; e < c.size(); e += 7) {
            c.value()[e] = 0f; // stored zeros: TopK keeps ReLU(pre) of its k largest
        }
        return c;
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * r.nextFloat() - 1;
        }
        return a;
    }

    /** The row-by-row decode as it was: each row starts at the bias (or 0) and adds its entries in order. */
    private static float[] rowByRow(SparseCode code, float[] coef, float[] w, float[] bias, int d, float[] start) {
        float[] out = start.clone();
        for (int r = 0; r < code.rows(); r++) {
            if (bias != null) {
                System.arraycopy(bias, 0, out, r * d, d);
            }
            for (int e = code.rowStart()[r]; e < code.rowStart()[r + 1]; e++) {
                if (coef[e] != 0f) {
                    for (int j = 0; j < d; j++) {
                        out[r * d + j] += coef[e] * w[code.index()[e] * d + j];
                    }
                }
            }
        }
        return out;
    }

    @Test
    void gathersHaveTheRowByRowBitsForAnyThreadCount() {
        Random r = new Random(11);
        for (int d : new int[] {1, 5, 16, 203, 1100}) {
            int rows = 61;
            int width = 90;
            SparseCode code = code(r, rows, width, 9);
            float[] w = random(r, width * d);
            float[] bias = random(r, d);
            float[] coef = random(r, code.size());
            float[] start = random(r, rows * d);
            float[] decoded = rowByRow(code, code.value(), w, bias, d, new float[rows * d]);
            float[] unbiased = rowByRow(code, code.value(), w, null, d, new float[rows * d]);
            float[] added = rowByRow(code, coef, w, null, d, start);
            for (int threads : new int[] {1, 2, 3, 8, 100}) {
                for (long above : new long[] {0, Long.MAX_VALUE}) { // latent by latent, and row by row
                    SparseKernels.latentMajorAbove = above;
                    SparseKernels.reuse = above == 0 ? 0 : 8;
                    ParallelRows.threadsForTests = threads;
                    String what = "d " + d + ", " + threads + " threads" + (above == 0 ? ", latent by latent" : "");
                    float[] out = random(r, rows * d); // whatever was there is overwritten
                    SparseKernels.decode(code, w, bias, d, out);
                    assertArrayEquals(decoded, out, "decode, " + what);
                    SparseKernels.decode(code, w, null, d, out);
                    assertArrayEquals(unbiased, out, "decode without a bias, " + what);
                    float[] sum = start.clone();
                    SparseKernels.gatherAdd(code, coef, w, d, sum);
                    assertArrayEquals(added, sum, "gatherAdd, " + what);
                }
            }
        }
    }

    @Test
    void valueGradientsHaveTheRowByRowBits() {
        Random r = new Random(12);
        for (int d : new int[] {3, 40, 203}) {
            int rows = 50;
            int width = 70;
            SparseCode code = code(r, rows, width, 12);
            float[] g = random(r, 2 * rows * d);
            float[] w = random(r, width * d);
            int[] gradRow = new int[code.size()];
            for (int e = 0; e < gradRow.length; e++) {
                gradRow[e] = r.nextInt(2 * rows);
            }
            for (int[] rowsRead : new int[][] {null, gradRow}) {
                float[] want = new float[code.size()];
                for (int row = 0; row < rows; row++) {
                    for (int e = code.rowStart()[row]; e < code.rowStart()[row + 1]; e++) {
                        int gr = rowsRead == null ? row : rowsRead[e];
                        int wo = code.index()[e] * d;
                        want[e] = VECTOR ? VectorKernels.dot(g, gr * d, w, wo, d) : SparseKernels.dot(g, gr * d, w, wo, d);
                    }
                }
                for (int threads : new int[] {1, 2, 8}) {
                    for (long above : new long[] {0, Long.MAX_VALUE}) {
                        SparseKernels.latentMajorAbove = above;
                        SparseKernels.reuse = above == 0 ? 0 : 8;
                        ParallelRows.threadsForTests = threads;
                        String what = "d " + d + ", " + threads + " threads" + (above == 0 ? ", latent by latent" : "");
                        float[] got = new float[code.size()];
                        SparseKernels.valueGrad(code, code.columns(), g, rowsRead, w, d, got);
                        assertArrayEquals(want, got, what);
                        float[] again = new float[code.size()];
                        SparseKernels.valueGrad(code, g, rowsRead, w, d, again);
                        assertArrayEquals(want, again, what + ", no column view");
                    }
                }
            }
        }
    }

    /**
     * The switch counts the rows of w a code uses, not w's size: a wide w with few latents used stays row by row, and
     * so does a code whose rows used are each used by fewer than {@link SparseKernels#reuse} entries.
     */
    @Test
    void latentByLatentOnlyWhereTheRowsUsedOutgrowTheLimitAndAreReused() {
        SparseKernels.latentMajorAbove = 100 * 4 * 10; // 100 rows of 10 floats
        float[] dense = new float[3000 * 1000];
        for (int r = 0; r < 3000; r++) {
            dense[r * 1000 + r % 50] = 1f; // 50 latents used, 3000 entries
        }
        SparseCode few = SparseCode.fromDense(dense, 3000, 1000);
        assertFalse(SparseKernels.latentMajor(few, null, 10));
        assertFalse(SparseKernels.latentMajor(few, few.columns(), 10));
        for (int r = 0; r < 3000; r++) {
            dense[r * 1000 + 500 + r % 200] = 1f; // 250 latents used by 6000 entries, 24 each
        }
        SparseCode many = SparseCode.fromDense(dense, 3000, 1000);
        assertTrue(SparseKernels.latentMajor(many, null, 10));
        assertTrue(SparseKernels.latentMajor(many, many.columns(), 10));
        assertFalse(SparseKernels.latentMajor(many, null, 3), "250 rows of 3 floats are under the limit");
        SparseCode once = SparseCode.fromDense(java.util.Arrays.copyOf(dense, 300 * 1000), 300, 1000);
        assertFalse(SparseKernels.latentMajor(once, null, 10), "600 entries on 250 rows: too little reuse");
    }
}
