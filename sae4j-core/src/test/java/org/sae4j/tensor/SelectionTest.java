package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The selections that add the encoder bias as they read: the same entries and bits as selecting from the
 * stored sum, a sort-based reference for BatchTopK, a dense reference for the thresholds (one, or one per column),
 * and the same bits for any thread split; the vector
 * bound of the per-row selection against the scalar loop.
 */
class SelectionTest {
    private static final int ROWS = 97;
    private static final int WIDTH = 300;

    @AfterEach
    void resetThreads() {
        ParallelRows.threadsForTests = 0;
    }

    /** Products and a bias with ties and many sums under zero. */
    private static float[][] productAndBias(long seed) {
        Random r = new Random(seed);
        float[] product = new float[ROWS * WIDTH];
        for (int i = 0; i < product.length; i++) {
            product[i] = (r.nextInt(2000) - 1200) / 1024f; // a coarse grid: equal sums happen
        }
        float[] bias = new float[WIDTH];
        for (int c = 0; c < WIDTH; c++) {
            bias[c] = (r.nextInt(64) - 40) / 256f;
        }
        return new float[][] {product, bias};
    }

    private static float[] sum(float[] product, float[] bias) {
        float[] pre = product.clone();
        for (int i = 0; i < pre.length; i++) {
            pre[i] += bias[i % WIDTH];
        }
        return pre;
    }

    private static SparseCode sameForAnyThreads(Supplier<SparseCode> f) {
        ParallelRows.threadsForTests = 1;
        SparseCode first = f.get();
        for (int t : new int[] {2, 3, 8}) {
            ParallelRows.threadsForTests = t;
            SparseCode other = f.get();
            assertArrayEquals(first.rowStart(), other.rowStart(), "split for " + t + " threads");
            assertArrayEquals(first.index(), other.index(), "split for " + t + " threads");
            assertArrayEquals(first.value(), other.value(), "split for " + t + " threads");
        }
        return first;
    }

    @Test
    void topKPerRowWithTheBiasIsTopKOfTheSum() {
        float[][] pb = productAndBias(1);
        for (int k : new int[] {1, 7, 32}) {
            SparseCode fused = sameForAnyThreads(() -> Selection.topKPerRow(pb[0], pb[1], ROWS, WIDTH, k));
            SparseCode plain = Selection.topKPerRow(sum(pb[0], pb[1]), ROWS, WIDTH, k);
            assertArrayEquals(plain.index(), fused.index(), "k " + k);
            assertArrayEquals(plain.value(), fused.value(), "k " + k);
        }
        assertArrayEquals(productAndBias(1)[0], pb[0], "the product is left as it was");
    }

    @Test
    void topKOfBatchKeepsTheLargestPositiveSumsTiesToTheLowerPosition() {
        float[][] pb = productAndBias(2);
        float[] pre = sum(pb[0], pb[1]);
        Integer[] order = new Integer[pre.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> pre[a] != pre[b] ? Float.compare(pre[b], pre[a]) : a - b);
        long positives = Arrays.stream(order).filter(i -> pre[i] > 0f).count();
        for (int k : new int[] {0, 1, 500, 3000, (int) positives, (int) positives + 10}) {
            SparseCode code = sameForAnyThreads(() -> Selection.topKOfBatch(pb[0], pb[1], ROWS, WIDTH, k));
            int keep = (int) Math.min(k, positives);
            boolean[] want = new boolean[pre.length];
            for (int j = 0; j < keep; j++) {
                want[order[j]] = true;
            }
            float[] dense = code.toDense();
            assertEquals(keep, code.size(), "k " + k);
            for (int i = 0; i < pre.length; i++) {
                assertEquals(want[i] ? pre[i] : 0f, dense[i], "k " + k + " position " + i);
            }
        }
    }

    @Test
    void aboveThresholdKeepsTheSumsOverThetaAndZero() {
        float[][] pb = productAndBias(4);
        float[] pre = sum(pb[0], pb[1]);
        for (float theta : new float[] {-1f, 0f, 0.25f, 5f}) {
            SparseCode code = sameForAnyThreads(() -> Selection.aboveThreshold(pb[0], pb[1], ROWS, WIDTH, theta));
            float[] want = new float[pre.length];
            for (int i = 0; i < pre.length; i++) {
                want[i] = pre[i] > theta && pre[i] > 0f ? pre[i] : 0f;
            }
            SparseCode expected = SparseCode.fromDense(want, ROWS, WIDTH);
            assertArrayEquals(expected.rowStart(), code.rowStart(), "theta " + theta);
            assertArrayEquals(expected.index(), code.index(), "theta " + theta);
            assertArrayEquals(expected.value(), code.value(), "theta " + theta);
        }
    }

    @Test
    void aboveThresholdsKeepsEachColumnsSumsOverItsOwnThetaAndZero() {
        float[][] pb = productAndBias(5);
        float[] pre = sum(pb[0], pb[1]);
        Random r = new Random(6);
        float[] theta = new float[WIDTH];
        for (int c = 0; c < WIDTH; c++) {
            // Under zero (zero rules), zero, on the grid (ties with the sums: strictly above counts), beyond every sum.
            theta[c] = switch (c % 4) {
                case 0 -> -(r.nextInt(8) + 1) / 8f;
                case 1 -> c % 8 == 1 ? 0f : 9f;
                default -> pre[r.nextInt(ROWS) * WIDTH + c];
            };
        }
        SparseCode code = sameForAnyThreads(() -> Selection.aboveThresholds(pb[0], pb[1], ROWS, WIDTH, theta));
        float[] want = new float[pre.length];
        int atTheta = 0;
        for (int i = 0; i < pre.length; i++) {
            float z = pre[i];
            want[i] = z > theta[i % WIDTH] && z > 0f ? z : 0f;
            atTheta += z == theta[i % WIDTH] && z > 0f ? 1 : 0;
        }
        assertTrue(atTheta > 0, "no sum sits on its threshold");
        SparseCode expected = SparseCode.fromDense(want, ROWS, WIDTH);
        assertTrue(expected.size() > 0 && expected.size() < pre.length / 2, expected.size() + " kept");
        assertArrayEquals(expected.rowStart(), code.rowStart());
        assertArrayEquals(expected.index(), code.index());
        assertArrayEquals(expected.value(), code.value());
    }

    @Test
    void theScalarThresholdIsTheColumnThresholdFilledWithIt() {
        float[][] pb = productAndBias(7);
        for (float theta : new float[] {-0.5f, 0f, 0.125f, 0.3f, 5f}) {
            float[] filled = new float[WIDTH];
            Arrays.fill(filled, theta);
            SparseCode scalar = Selection.aboveThreshold(pb[0], pb[1], ROWS, WIDTH, theta);
            SparseCode columns = Selection.aboveThresholds(pb[0], pb[1], ROWS, WIDTH, filled);
            assertArrayEquals(columns.rowStart(), scalar.rowStart(), "theta " + theta);
            assertArrayEquals(columns.index(), scalar.index(), "theta " + theta);
            assertArrayEquals(columns.value(), scalar.value(), "theta " + theta);
        }
    }

    @Test
    void theVectorBlockMaximumIsTheScalarOne() {
        float[][] pb = productAndBias(3);
        for (int from = 0; from < 40; from += 7) {
            for (int to = from; to < WIDTH; to += 37) {
                float want = Float.NEGATIVE_INFINITY;
                for (int c = from; c < to; c++) {
                    want = Math.max(want, pb[0][WIDTH + c] + pb[1][c]);
                }
                assertEquals(want, VectorScan.max(pb[0], WIDTH, pb[1], from, to), from + ".." + to);
            }
        }
    }

    /**
     * The bound over 2k blocks on rows like real pre-activations (Gaussian, 4,096 wide) and on awkward ones: ties
     * everywhere, ±0, −∞, rows narrower than 2k blocks, k equal to the width. The kept columns are those of a
     * sort (larger first, ties to the lower column), whatever the bound let through.
     */
    @Test
    void topKPerRowIsASortOnWideAndAwkwardRows() {
        Random r = new Random(5);
        for (int[] shape : new int[][] {{4096, 32}, {4096, 1}, {50, 32}, {40, 40}, {700, 64}}) {
            int width = shape[0];
            int k = shape[1];
            int rows = 9;
            float[] v = new float[rows * width];
            for (int i = 0; i < v.length; i++) {
                int row = i / width;
                v[i] = switch (row) {
                    case 1 -> 0.5f; // every value ties
                    case 2 -> (i % 2 == 0 ? -0f : 0f); // ±0 only
                    case 3 -> i % width < width / 2 ? Float.NEGATIVE_INFINITY : (float) r.nextGaussian();
                    case 4 -> (r.nextInt(5) - 2) / 4f; // a coarse grid
                    default -> (float) r.nextGaussian();
                };
            }
            float[] bias = new float[width];
            for (int c = 0; c < width; c++) {
                bias[c] = c % 3 == 0 ? 0f : (float) (0.1 * r.nextGaussian());
            }
            SparseCode got = sameForAnyThreads(() -> Selection.topKPerRow(v, bias, rows, width, k));
            for (int row = 0; row < rows; row++) {
                float[] pre = new float[width];
                Integer[] order = new Integer[width];
                for (int c = 0; c < width; c++) {
                    pre[c] = v[row * width + c] + bias[c];
                    order[c] = c;
                }
                Arrays.sort(order, (a, b) -> pre[a] != pre[b] ? Float.compare(pre[b], pre[a]) : a - b);
                int[] want = new int[k];
                for (int j = 0; j < k; j++) {
                    want[j] = order[j];
                }
                Arrays.sort(want);
                assertArrayEquals(want, Arrays.copyOfRange(got.index(), row * k, row * k + k),
                        "width " + width + ", k " + k + ", row " + row);
            }
        }
    }

    /** The vector scans against the scalar loops: the same columns, in order, for every tail length and bound. */
    @Test
    void theVectorScansFindTheScalarLoopsColumns() {
        float[][] pb = productAndBias(6);
        float[] v = pb[0];
        float[] bias = pb[1];
        v[WIDTH + 17] = -0f;
        bias[17] = 0f;
        Random r = new Random(6);
        boolean[] mask = new boolean[WIDTH];
        for (int c = 0; c < WIDTH; c++) {
            mask[c] = r.nextInt(4) != 0;
        }
        for (int width : new int[] {0, 1, 15, 16, 17, 63, WIDTH}) {
            for (float bound : new float[] {-0f, 0.5f, 1f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}) {
                int[] wantColumns = new int[width];
                float[] wantValues = new float[width];
                int n = 0;
                for (int c = 0; c < width; c++) {
                    float x = v[WIDTH + c] + bias[c];
                    if (x >= bound) {
                        wantColumns[n] = c;
                        wantValues[n++] = x;
                    }
                }
                int[] columns = new int[width];
                float[] values = new float[width];
                assertEquals(n, VectorScan.atLeast(v, WIDTH, bias, width, bound, columns, values), width + ", " + bound);
                assertArrayEquals(wantColumns, columns, width + ", " + bound);
                assertArrayEquals(wantValues, values, width + ", " + bound);
            }
            int n = 0;
            int[] wantColumns = new int[width];
            for (int c = 0; c < width; c++) {
                if (mask[c] && v[2 * WIDTH + c] + bias[c] > 0f) {
                    wantColumns[n++] = c;
                }
            }
            int[] columns = new int[width];
            float[] values = new float[width];
            boolean[] m = Arrays.copyOf(mask, width);
            assertEquals(n, VectorScan.positives(v, 2 * WIDTH, bias, width, m, columns, values), "width " + width);
            assertArrayEquals(wantColumns, columns, "width " + width);
            for (int j = 0; j < n; j++) {
                assertEquals(v[2 * WIDTH + columns[j]] + bias[columns[j]], values[j]);
            }
        }
        boolean[] all = new boolean[WIDTH];
        Arrays.fill(all, true);
        float[] nan = v.clone();
        nan[WIDTH + 200] = Float.NaN;
        assertEquals(-1, VectorScan.positives(nan, WIDTH, bias, WIDTH, all, new int[WIDTH], new float[WIDTH]));
        all[200] = false; // a NaN outside the mask is not looked at
        assertTrue(VectorScan.positives(nan, WIDTH, bias, WIDTH, all, new int[WIDTH], new float[WIDTH]) >= 0);
    }
}
