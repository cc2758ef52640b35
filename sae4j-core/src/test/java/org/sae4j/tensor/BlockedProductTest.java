package org.sae4j.tensor;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector products at the edges of this JVM's tiling, bit for bit against the contract written out in
 * scalar code: c[i, j] = one {@link Math#fma} chain over the terms in order, from c (accumulate) or +0. Every
 * row count from 1 to three tiles and one, so each remainder of the tile height; columns around the panel width
 * and the block width; terms around the pass length. A row dropped, doubled or shifted at a tile's edge, a
 * panel's padding leaking in, or a pass boundary out of order changes bits here.
 */
class BlockedProductTest {
    private static final Kernels K = VectorKernels.INSTANCE;

    @Test
    void everyRowRemainderAndColumnEdgeMatchesTheScalarChain() {
        int rows = BlockedProduct.TILE_ROWS;
        int panel = BlockedProduct.PANEL;
        int[] cols = {1, panel - 1, panel, panel + 1, BlockedProduct.NC + panel + 3};
        int[] terms = {1, 2, 3, 17};
        Random r = new Random(19);
        for (int m = 1; m <= 3 * rows + 1; m++) {
            for (int n : cols) {
                for (int k : terms) {
                    check(r, m, k, n);
                }
            }
        }
    }

    @Test
    void termsSplitIntoPassesKeepOneChain() {
        int rows = BlockedProduct.TILE_ROWS;
        Random r = new Random(23);
        for (int m : new int[] {rows - 1, 2 * rows + 1}) {
            check(r, m, BlockedProduct.KC + 3, BlockedProduct.PANEL + 5);
        }
    }

    @Test
    void largeEnoughToSplitOverThreads() {
        check(new Random(29), 9 * BlockedProduct.TILE_ROWS + 5, 70, 3 * BlockedProduct.NC + 7);
    }

    private static void check(Random r, int m, int k, int n) {
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] bt = new float[n * k];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bt[j * k + p] = b[p * n + j];
            }
        }
        float[] at = new float[k * m];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                at[p * m + i] = a[i * k + p];
            }
        }
        float[] init = random(r, m * n);
        float[] fresh = expected(a, b, null, m, k, n);
        float[] acc = expected(a, b, init, m, k, n);
        String shape = "[" + m + "x" + k + "]·[" + k + "x" + n + "], tile rows " + BlockedProduct.TILE_ROWS;

        float[] c = garbage(m * n);
        K.matmul(a, b, c, m, k, n, false);
        same(fresh, c, "matmul " + shape);
        c = init.clone();
        K.matmul(a, b, c, m, k, n, true);
        same(acc, c, "matmul accumulate " + shape);
        c = garbage(m * n);
        K.matmulTransB(a, bt, c, m, k, n, false);
        same(fresh, c, "matmulTransB " + shape);
        c = init.clone();
        K.matmulTransB(a, bt, c, m, k, n, true);
        same(acc, c, "matmulTransB accumulate " + shape);
        // aᵀ·b with a [k × m] stored as at: output row i reads a column of at
        c = garbage(m * n);
        K.matmulTransA(at, b, c, k, m, n, false);
        same(fresh, c, "matmulTransA " + shape);
    }

    /** The contract in scalar code: per element, fma over the terms in order, starting at init or +0. */
    private static float[] expected(float[] a, float[] b, float[] init, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = init == null ? 0f : init[i * n + j];
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void same(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", want the bits of " + want[i]);
            }
        }
    }

    private static float[] random(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = 2 * r.nextFloat() - 1;
        }
        return a;
    }

    private static float[] garbage(int size) {
        float[] c = new float[size];
        Arrays.fill(c, Float.NaN);
        return c;
    }
}
