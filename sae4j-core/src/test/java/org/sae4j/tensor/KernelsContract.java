package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Kernels} backend must do, checked against naive double-precision loops; each backend
 * gets a subclass.
 */
abstract class KernelsContract {
    private final Kernels K = kernels();

    abstract Kernels kernels();

    /** Shapes (m, k, n): odd sizes, degenerate ones, and several over 2^18 multiply-adds (the parallel path). */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 1, 1),
                Arguments.of(1, 3, 17),
                Arguments.of(3, 1, 5),
                Arguments.of(17, 3, 1),
                Arguments.of(3, 17, 130),
                Arguments.of(130, 17, 3),
                Arguments.of(2, 130, 1),
                Arguments.of(130, 67, 33),   // 287,430 > 2^18
                Arguments.of(257, 65, 33),   // 551,265
                Arguments.of(2, 400, 400),   // parallel, but only two rows to split
                Arguments.of(1000, 17, 31),  // 527,000, many row blocks
                Arguments.of(21, 300, 1100), // crosses the vector kernel's column blocks
                Arguments.of(13, 1100, 150), // more terms than one pass of the vector kernel takes
                Arguments.of(70, 70000, 3)); // packed rows of A come in two groups
    }

    private static float[] random(Random r, int size, double zeroFraction) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextDouble() < zeroFraction ? 0f : 2 * r.nextFloat() - 1;
        }
        return a;
    }

    private static float[] garbage(int size) {
        float[] c = new float[size];
        Arrays.fill(c, Float.NaN);
        return c;
    }

    /** Reference: element (i, j) of A·B where A(i, p) = a[ai(i, p)] and B(p, j) = b[bi(p, j)], in double. */
    private interface Index {
        int at(int r, int c);
    }

    private static void assertProduct(String what, float[] a, Index ai, float[] b, Index bi, float[] init,
            float[] actual, int rows, int inner, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = init == null ? 0 : init[i * cols + j];
                double abs = init == null ? 0 : Math.abs(init[i * cols + j]);
                for (int p = 0; p < inner; p++) {
                    double t = (double) a[ai.at(i, p)] * b[bi.at(p, j)];
                    s += t;
                    abs += Math.abs(t);
                }
                float got = actual[i * cols + j];
                double tol = 1e-6 + 2e-6 * Math.sqrt(inner + 1) * abs;
                if (!(Math.abs(got - s) <= tol)) {
                    throw new AssertionError(what + " [" + rows + "x" + inner + "x" + cols + "] (" + i + "," + j
                            + "): got " + got + ", expected " + s);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matmulMatchesNaive(int m, int k, int n) {
        Random r = new Random(m * 31L + k * 7L + n);
        float[] a = random(r, m * k, 0.3);
        float[] b = random(r, k * n, 0);
        float[] c = garbage(m * n);
        K.matmul(a, b, c, m, k, n, false);
        assertProduct("matmul", a, (i, p) -> i * k + p, b, (p, j) -> p * n + j, null, c, m, k, n);

        float[] init = random(r, m * n, 0);
        float[] acc = init.clone();
        K.matmul(a, b, acc, m, k, n, true);
        assertProduct("matmul accumulate", a, (i, p) -> i * k + p, b, (p, j) -> p * n + j, init, acc, m, k, n);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matmulTransBMatchesNaive(int m, int k, int n) {
        Random r = new Random(m * 37L + k * 11L + n);
        float[] a = random(r, m * k, 0.3);
        float[] b = random(r, n * k, 0); // [n, k]
        float[] c = garbage(m * n);
        K.matmulTransB(a, b, c, m, k, n, false);
        assertProduct("matmulTransB", a, (i, p) -> i * k + p, b, (p, j) -> j * k + p, null, c, m, k, n);

        float[] init = random(r, m * n, 0);
        float[] acc = init.clone();
        K.matmulTransB(a, b, acc, m, k, n, true);
        assertProduct("matmulTransB accumulate", a, (i, p) -> i * k + p, b, (p, j) -> j * k + p, init, acc, m, k, n);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matmulTransAMatchesNaive(int m, int k, int n) {
        Random r = new Random(m * 41L + k * 13L + n);
        float[] a = random(r, m * k, 0.3); // [m, k]
        float[] b = random(r, m * n, 0);   // [m, n]
        float[] c = garbage(k * n);        // [k, n]
        K.matmulTransA(a, b, c, m, k, n, false);
        // c(p, j) = sum_i a(i, p) b(i, j): rows of c are indexed by p, the inner index is i
        assertProduct("matmulTransA", a, (p, i) -> i * k + p, b, (i, j) -> i * n + j, null, c, k, m, n);

        float[] init = random(r, k * n, 0);
        float[] acc = init.clone();
        K.matmulTransA(a, b, acc, m, k, n, true);
        assertProduct("matmulTransA accumulate", a, (p, i) -> i * k + p, b, (i, j) -> i * n + j, init, acc, k, m, n);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void resultsAreBitIdenticalAcrossCallsAndRowSplits(int m, int k, int n) {
        Random r = new Random(m + 1000L * k + n);
        float[] a = random(r, m * k, 0.2);
        float[] b = random(r, k * n, 0);
        float[] c1 = new float[m * n];
        float[] c2 = garbage(m * n);
        K.matmul(a, b, c1, m, k, n, false);
        K.matmul(a, b, c2, m, k, n, false);
        assertArrayEquals(c1, c2);
        // Each row alone takes the single-thread path; the promise is the same bits whatever the split.
        for (int i = 0; i < m; i++) {
            float[] row = new float[n];
            K.matmul(Arrays.copyOfRange(a, i * k, (i + 1) * k), b, row, 1, k, n, false);
            assertArrayEquals(row, Arrays.copyOfRange(c1, i * n, (i + 1) * n), "row " + i);
        }
        float[] bt = new float[n * k];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bt[j * k + p] = b[p * n + j];
            }
        }
        float[] t1 = new float[m * n];
        float[] t2 = new float[m * n];
        K.matmulTransB(a, bt, t1, m, k, n, false);
        K.matmulTransB(a, bt, t2, m, k, n, false);
        assertArrayEquals(t1, t2);
        assertArrayEquals(c1, t1, "matmulTransB of the transpose is the same product, summed in the same order");

        float[] bm = random(r, m * n, 0);
        float[] u1 = new float[k * n];
        float[] u2 = new float[k * n];
        K.matmulTransA(a, bm, u1, m, k, n, false);
        K.matmulTransA(a, bm, u2, m, k, n, false);
        assertArrayEquals(u1, u2);
    }

    /** Shapes for the thread split: many column blocks, one block (rows split), terms in passes, row groups. */
    static Stream<Arguments> splitShapes() {
        return Stream.of(
                Arguments.of(45, 1100, 300),
                Arguments.of(19, 50, 4000),
                Arguments.of(300, 40, 70),
                Arguments.of(70, 70000, 3),
                Arguments.of(1024, 784, 136));
    }

    @ParameterizedTest
    @MethodSource("splitShapes")
    void productsAreBitIdenticalForAnyThreadSplit(int m, int k, int n) {
        Random r = new Random(m * 3L + k * 5L + n);
        float[] a = random(r, m * k, 0.1);
        float[] b = random(r, k * n, 0);
        float[] bt = random(r, n * k, 0);
        float[] g = random(r, m * n, 0);
        float[] init = random(r, Math.max(m, k) * n, 0);
        float[][] first = null;
        try {
            for (int threads : new int[] {1, 2, 3, 8}) {
                ParallelRows.splitForTests(threads);
                float[] c1 = garbage(m * n);
                K.matmul(a, b, c1, m, k, n, false);
                float[] c2 = Arrays.copyOf(init, m * n);
                K.matmulTransB(a, bt, c2, m, k, n, true);
                float[] c3 = garbage(k * n);
                K.matmulTransA(a, g, c3, m, k, n, false);
                float[] c4 = Arrays.copyOf(init, k * n);
                K.matmulTransA(a, g, c4, m, k, n, true);
                float[][] now = {c1, c2, c3, c4};
                if (first == null) {
                    first = now;
                }
                for (int i = 0; i < now.length; i++) {
                    assertArrayEquals(first[i], now[i], "product " + i + " split for " + threads + " threads");
                }
            }
        } finally {
            ParallelRows.splitForTests(0);
        }
    }

    @Test
    void sparseRowsAndZeroColumnsGiveExactZerosNotStaleValues() {
        int m = 130;
        int k = 67;
        int n = 33; // parallel path
        Random r = new Random(3);
        float[] a = random(r, m * k, 0.9);
        for (int p = 0; p < k; p++) {
            a[5 * k + p] = 0f;   // an all-zero row of a
            a[p * 0 + 7 * k + p] = 0f;
        }
        for (int i = 0; i < m; i++) {
            a[i * k + 4] = 0f;   // an all-zero column of a
        }
        float[] b = random(r, k * n, 0);
        float[] c = garbage(m * n);
        K.matmul(a, b, c, m, k, n, false);
        assertProduct("sparse matmul", a, (i, p) -> i * k + p, b, (p, j) -> p * n + j, null, c, m, k, n);
        for (int j = 0; j < n; j++) {
            assertEquals(0f, c[5 * n + j]);
            assertEquals(0f, c[7 * n + j]);
        }
        float[] bm = random(r, m * n, 0);
        float[] ct = garbage(k * n);
        K.matmulTransA(a, bm, ct, m, k, n, false);
        assertProduct("sparse matmulTransA", a, (p, i) -> i * k + p, bm, (i, j) -> i * n + j, null, ct, k, m, n);
        for (int j = 0; j < n; j++) {
            assertEquals(0f, ct[4 * n + j], "zero column of a gives a zero row of aᵀ·b");
        }
        float[] allZero = new float[m * k];
        float[] z = garbage(m * n);
        K.matmul(allZero, b, z, m, k, n, false);
        assertArrayEquals(new float[m * n], z);
        float[] keep = random(r, m * n, 0);
        float[] acc = keep.clone();
        K.matmul(allZero, b, acc, m, k, n, true);
        assertArrayEquals(keep, acc, "accumulating a zero product leaves c untouched");
    }

    @Test
    void leavesInputsUntouched() {
        Random r = new Random(9);
        int m = 130;
        int k = 67;
        int n = 33;
        float[] a = random(r, m * k, 0.3);
        float[] b = random(r, k * n, 0);
        float[] a0 = a.clone();
        float[] b0 = b.clone();
        K.matmul(a, b, new float[m * n], m, k, n, false);
        K.matmulTransB(a, random(r, n * k, 0), new float[m * n], m, k, n, true);
        assertArrayEquals(a0, a);
        assertArrayEquals(b0, b);
    }

    @Test
    void smallHandProduct() {
        float[] a = {1, 2, 3, 4, 5, 6};       // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};    // 3x2
        float[] c = new float[4];
        K.matmul(a, b, c, 2, 3, 2, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
        K.matmul(a, b, c, 2, 3, 2, true);
        assertArrayEquals(new float[] {116, 128, 278, 308}, c);
        float[] ct = new float[4];
        K.matmulTransB(a, new float[] {7, 9, 11, 8, 10, 12}, ct, 2, 3, 2, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, ct);
        float[] ca = new float[9];
        K.matmulTransA(a, new float[] {1, 0, 0, 1}, ca, 2, 3, 2, false); // aᵀ·I over 2 rows: 3x2
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6, 0, 0, 0}, ca);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void columnSumsMatchNaive(int m, int k, int n) {
        Random r = new Random(m * 3L + n);
        float[] a = random(r, m * n, 0.2);
        float[] out = garbage(n + 2);
        out[n] = 42f;
        out[n + 1] = 43f;
        K.columnSums(a, out, m, n, false);
        float[] init = random(r, n, 0);
        float[] acc = init.clone();
        K.columnSums(a, acc, m, n, true);
        for (int j = 0; j < n; j++) {
            double s = 0;
            double abs = 0;
            for (int i = 0; i < m; i++) {
                s += a[i * n + j];
                abs += Math.abs(a[i * n + j]);
            }
            double tol = 1e-6 + 1e-6 * Math.sqrt(m) * abs;
            assertEquals(s, out[j], tol, "column " + j);
            assertEquals(s + init[j], acc[j], tol + 1e-6, "accumulated column " + j);
        }
        assertEquals(42f, out[n], "writes only n values");
        assertEquals(43f, out[n + 1]);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void addToRowsMatchesNaive(int m, int k, int n) {
        Random r = new Random(m * 5L + n);
        float[] a = random(r, m * n, 0);
        float[] v = random(r, n, 0);
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                expected[i * n + j] = a[i * n + j] + v[j];
            }
        }
        float[] v0 = v.clone();
        K.addToRows(a, v, m, n);
        assertArrayEquals(expected, a);
        assertArrayEquals(v0, v);
    }

    @ParameterizedTest
    @MethodSource("elementwiseSizes")
    void sigmoidAndTanhMatchTheMathLibrary(int n) {
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (40.0 * i / Math.max(1, n - 1) - 20.0); // -20..20, saturating at both ends
        }
        float[] s = garbage(n);
        float[] t = garbage(n);
        K.sigmoid(z, s, n);
        K.tanh(z, t, n);
        for (int i = 0; i < n; i++) {
            double es = 1 / (1 + Math.exp(-z[i]));
            double et = Math.tanh(z[i]);
            assertEquals(es, s[i], 2e-6 + 2e-6 * es, "sigmoid(" + z[i] + ")");
            assertEquals(et, t[i], 2e-6 + 2e-6 * Math.abs(et), "tanh(" + z[i] + ")");
            assertTrue(s[i] >= 0f && s[i] <= 1f && t[i] >= -1f && t[i] <= 1f, "range at " + z[i]);
        }
        float[] inPlace = z.clone();
        K.tanh(inPlace, inPlace, n);
        assertArrayEquals(t, inPlace, "out may be z");
    }

    @Test
    void tanhIsAccurateNearZero() {
        float[] z = {1e-6f, -3e-5f, 1e-3f, 0f, -0.01f, 0.2f, 1e-4f, -1e-7f, 5e-4f};
        float[] t = new float[z.length];
        K.tanh(z, t, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(Math.tanh(z[i]), t[i], 1e-6 * Math.abs(z[i]) + 1e-12, "tanh(" + z[i] + ")");
        }
    }

    static Stream<Arguments> elementwiseSizes() {
        return Stream.of(Arguments.of(1), Arguments.of(7), Arguments.of(16), Arguments.of(33), Arguments.of(1001));
    }

    @Test
    void defaultIsTheVectorBackendWhenItsModuleIsLoaded() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertTrue(Kernels.defaults().name().startsWith(vector ? "vector" : "java"), Kernels.defaults().name());
        assertTrue(JavaKernels.INSTANCE.name().startsWith("java"));
    }
}
