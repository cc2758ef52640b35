package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sparse kernels, top-k selection and the vector dot product against naive double-precision loops (the vector
 * axpy against the scalar loop, bit for bit), and bit-identical whatever the number of threads the work is split for.
 */
class SparseKernelsContractTest {
    private static final int ROWS = 97;
    private static final int WIDTH = 300;
    private static final int D = 203;
    private static final int K = 7;

    @AfterEach
    void resetThreads() {
        ParallelRows.threadsForTests = 0;
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * r.nextFloat() - 1;
        }
        return a;
    }

    /** Runs {@code f} split for 1, 2, 3 and 8 threads and checks every result has the same bits. */
    private static float[] sameForAnyThreads(Supplier<float[]> f) {
        ParallelRows.threadsForTests = 1;
        float[] first = f.get();
        for (int t : new int[] {2, 3, 8}) {
            ParallelRows.threadsForTests = t;
            assertArrayEquals(first, f.get(), "split for " + t + " threads");
        }
        return first;
    }

    private static void close(double expected, float got, double scale, String what) {
        assertEquals(expected, got, 1e-5 * (1 + scale), what);
    }

    @Test
    void topKPerRowMatchesASortAndIsThreadIndependent() {
        Random r = new Random(1);
        float[] pre = random(r, ROWS * WIDTH);
        pre[5] = pre[6]; // a tie goes to the lower column
        SparseCode code = Selection.topKPerRow(pre, ROWS, WIDTH, K);
        for (int row = 0; row < ROWS; row++) {
            Integer[] cols = new Integer[WIDTH];
            for (int c = 0; c < WIDTH; c++) {
                cols[c] = c;
            }
            int o = row * WIDTH;
            java.util.Arrays.sort(cols, (a, b) -> pre[o + a] != pre[o + b] ? Float.compare(pre[o + b], pre[o + a]) : a - b);
            int[] want = new int[K];
            for (int j = 0; j < K; j++) {
                want[j] = cols[j];
            }
            java.util.Arrays.sort(want);
            for (int j = 0; j < K; j++) {
                assertEquals(want[j], code.index()[row * K + j], "row " + row);
                assertEquals(Math.max(pre[o + want[j]], 0f), code.value()[row * K + j]);
            }
        }
        sameForAnyThreads(() -> Selection.topKPerRow(pre, ROWS, WIDTH, K).value());
    }

    @Test
    void sparseKernelsMatchNaiveAndAreThreadIndependent() {
        Random r = new Random(2);
        SparseCode code = Selection.topKPerRow(random(r, ROWS * WIDTH), ROWS, WIDTH, K);
        SparseCode.Columns cols = code.columns();
        float[] w = random(r, WIDTH * D);
        float[] bias = random(r, D);
        float[] g = random(r, ROWS * D);
        float[] coef = random(r, code.size());

        float[] out = sameForAnyThreads(() -> {
            float[] o = new float[ROWS * D];
            SparseKernels.decode(code, w, bias, D, o);
            return o;
        });
        float[] dv = sameForAnyThreads(() -> {
            float[] o = new float[code.size()];
            SparseKernels.valueGrad(code, g, null, w, D, o);
            return o;
        });
        float[] gw = sameForAnyThreads(() -> {
            float[] o = new float[WIDTH * D + WIDTH];
            float[] gb = new float[WIDTH];
            SparseKernels.scatterAdd(code, cols, coef, g, null, D, o, gb);
            System.arraycopy(gb, 0, o, WIDTH * D, WIDTH);
            return o;
        });
        float[] gathered = sameForAnyThreads(() -> {
            float[] o = new float[ROWS * D];
            SparseKernels.gatherAdd(code, coef, w, D, o);
            return o;
        });

        double[] refW = new double[WIDTH * D];
        double[] refB = new double[WIDTH];
        for (int row = 0; row < ROWS; row++) {
            for (int e = code.rowStart()[row]; e < code.rowStart()[row + 1]; e++) {
                int c = code.index()[e];
                double dot = 0;
                for (int j = 0; j < D; j++) {
                    dot += (double) g[row * D + j] * w[c * D + j];
                    refW[c * D + j] += (double) coef[e] * g[row * D + j];
                }
                refB[c] += coef[e];
                close(dot, dv[e], Math.sqrt(D), "valueGrad " + e);
            }
            for (int j = 0; j < D; j++) {
                double dec = bias[j];
                double gat = 0;
                for (int e = code.rowStart()[row]; e < code.rowStart()[row + 1]; e++) {
                    dec += (double) code.value()[e] * w[code.index()[e] * D + j];
                    gat += (double) coef[e] * w[code.index()[e] * D + j];
                }
                close(dec, out[row * D + j], K, "decode " + row + "," + j);
                close(gat, gathered[row * D + j], K, "gatherAdd " + row + "," + j);
            }
        }
        for (int i = 0; i < WIDTH * D; i++) {
            close(refW[i], gw[i], ROWS, "scatterAdd " + i);
        }
        for (int c = 0; c < WIDTH; c++) {
            close(refB[c], gw[WIDTH * D + c], ROWS, "scatterAdd bias " + c);
        }
    }

    @Test
    void vectorDotMatchesNaiveForEveryLengthAndOffset() {
        Random r = new Random(3);
        float[] a = random(r, 200);
        float[] b = random(r, 200);
        for (int n = 0; n < 90; n++) {
            for (int off = 0; off < 3; off++) {
                double ref = 0;
                for (int j = 0; j < n; j++) {
                    ref += (double) a[off + j] * b[2 * off + j];
                }
                close(ref, VectorKernels.dot(a, off, b, 2 * off, n), Math.sqrt(n), "n " + n);
                close(ref, SparseKernels.dot(a, off, b, 2 * off, n), Math.sqrt(n), "java n " + n);
            }
        }
    }

    /** The vector axpy rounds as the scalar loop does (a multiply, then an add): same bits, so no model moved. */
    @Test
    void vectorAxpyHasTheScalarLoopsBits() {
        Random r = new Random(4);
        float[] x = random(r, 300);
        for (int n : new int[] {0, 1, 15, 16, 17, 64, 203, 250}) {
            for (int off : new int[] {0, 3}) {
                float s = 2 * r.nextFloat() - 1;
                float[] want = random(r, 300);
                float[] got = want.clone();
                for (int j = 0; j < n; j++) {
                    want[2 * off + j] += s * x[off + j];
                }
                VectorKernels.axpy(s, x, off, got, 2 * off, n);
                assertArrayEquals(want, got, "n " + n + ", offset " + off);
            }
        }
    }
}
