package org.sae4j.tensor;

/**
 * The total variance of a batch of rows, sum_n ||e_n - mean(e)||^2 about the per-column mean: the AuxK loss scales by
 * the residual's (sparsify's), and the trainer's live explained variance divides by the input's. {@link #ofBoth} walks
 * two matrices at once in the same order as two calls would, so its bits are theirs (TotalVarianceTest).
 */
public final class TotalVariance {
    private TotalVariance() {
    }

    /** sum_n ||e_n - mean(e)||^2 over a row-major [rows, cols] matrix; see {@link #of(float[], int, int, int, int)}. */
    public static double of(float[] e, int rows, int cols) {
        return of(e, rows, cols, cols, 0);
    }

    /**
     * The same over columns [from, from + cols) of a row-major matrix whose rows are {@code stride} long (a training
     * row's target, read where it lies, without a copy), in doubles: column sums first, then the squared deviations
     * row by row, column by column. The summation order is part of the contract (a model's training history holds
     * these sums), so keep it.
     */
    public static double of(float[] e, int rows, int cols, int stride, int from) {
        double[] mean = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mean[c] += e[r * stride + from + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= rows; // once per column, not once per value: the same quotient either way
        }
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = e[r * stride + from + c] - mean[c];
                sum += d * d;
            }
        }
        return sum;
    }

    /**
     * {@code {of(a, rows, cols), of(b, rows, cols)}}, bit for bit, in one walk: each total is a chain of dependent
     * double adds (3-4 cycles each, 0.7 ms over 1,024 × 784 values), so two chains side by side take the time of
     * one. AuxK needs both, its residual's and its target's, every step.
     */
    public static double[] ofBoth(float[] a, float[] b, int rows, int cols) {
        double[] meanA = new double[cols];
        double[] meanB = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                meanA[c] += a[r * cols + c];
                meanB[c] += b[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            meanA[c] /= rows;
            meanB[c] /= rows;
        }
        double sumA = 0;
        double sumB = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double da = a[r * cols + c] - meanA[c];
                double db = b[r * cols + c] - meanB[c];
                sumA += da * da;
                sumB += db * db;
            }
        }
        return new double[] {sumA, sumB};
    }
}
