package org.sae4j.eval;

import java.util.Arrays;

/**
 * Reconstruction quality of x_hat against x, accumulated in one streaming pass over chunks of rows. Every
 * figure is a ratio of sums over the whole evaluated set (never a mean of per-chunk figures), so it does not
 * depend on how the rows were chunked (the bug of SAELens #711). All sums are kept in double. N is the number
 * of samples, d the values per sample, sums run over samples n.
 *
 * <ul>
 * <li>{@link #mse()}: sum_n ||x_n - x_hat_n||^2 / (N d), the mean squared error per element.
 * <li>{@link #explainedVariance()}: 1 - sum_n ||x_n - x_hat_n||^2 / sum_n ||x_n - mu||^2, mu the per-dimension
 *     mean over the whole set (so sum_d Var(x_d) in the denominator, not the mean square about zero: SAELens
 *     #665). The denominator is merged chunk by chunk with Chan et al.'s update of per-dimension means and
 *     centred sums of squares, which stays accurate when the mean is large next to the spread.
 * <li>{@link #cosineSimilarity()}: mean over samples with x_n != 0 of x_n . x_hat_n / (||x_n|| ||x_hat_n||);
 *     a zero x_hat_n counts 0.
 * <li>{@link #l2Ratio()}: mean over samples with x_n != 0 of ||x_hat_n|| / ||x_n|| (SAELens l2_ratio).
 * <li>{@link #relativeReconstructionBias()}: gamma = sum_n ||x_hat_n||^2 / sum_n x_hat_n . x_n, the gamma that
 *     minimises E||x_hat / gamma - x||^2 (Rajamanoharan et al. 2024, "Improving dictionary learning with gated
 *     sparse autoencoders", eq. 10; SAELens relative_reconstruction_bias). 1 is unbiased, below 1 shrunk.
 * <li>{@link #shrinkage()}: mean over samples with x_n != b of ||x_hat_n - b|| / ||x_n - b||, b the centre given
 *     to the constructor (the decoder bias b_dec): the norm ratio of what the latents add against what they
 *     should add, which a large b_dec would otherwise hide; with no centre it equals the l2 ratio.
 * </ul>
 * Samples with x_n = 0 (no direction, no norm to divide by) are left out of the three per-sample means only.
 * A figure with nothing to average, or a zero denominator, is NaN. Two sets' sums {@link #merge} into the sums of
 * both (a cluster's partitions), the centred squares by the same Chan update.
 */
public final class ReconstructionMetrics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int dim;
    private final float[] center;
    private long samples;
    private double sse;
    /** Chan's running per-dimension mean and centred sum of squares over all rows seen. */
    private final double[] mean;
    private final double[] m2;
    private final double[] chunkMean;
    private final double[] chunkM2;
    private double cosineSum;
    private double l2RatioSum;
    private long nonZeroRows;
    private double shrinkageSum;
    private long shrinkageRows;
    private double xHatSquares;
    private double xHatDotX;

    /** Metrics for samples of {@code dim} values; shrinkage is measured about the origin. */
    public ReconstructionMetrics(int dim) {
        this(dim, null);
    }

    /** Metrics for samples of {@code dim} values; shrinkage is measured about {@code center} (b_dec) if not null. */
    public ReconstructionMetrics(int dim, float[] center) {
        if (dim <= 0 || (center != null && center.length != dim)) {
            throw new IllegalArgumentException("dim " + dim + ", center " + (center == null ? null : center.length));
        }
        this.dim = dim;
        this.center = center == null ? null : center.clone();
        mean = new double[dim];
        m2 = new double[dim];
        chunkMean = new double[dim];
        chunkM2 = new double[dim];
    }

    /** Adds {@code rows} samples: x and xHat are [rows, d] row-major. */
    public void add(float[] x, float[] xHat, int rows) {
        if (rows < 0 || x.length < (long) rows * dim || xHat.length < (long) rows * dim) {
            throw new IllegalArgumentException(rows + " rows of " + dim + " from " + x.length + " and " + xHat.length);
        }
        if (rows == 0) {
            return;
        }
        for (int n = 0; n < rows; n++) {
            addRow(x, xHat, n * dim);
        }
        mergeVariance(x, rows);
    }

    private void addRow(float[] x, float[] xHat, int off) {
        double err = 0;
        double xx = 0;
        double hh = 0;
        double xh = 0;
        double cx = 0;
        double ch = 0;
        for (int j = 0; j < dim; j++) {
            double a = x[off + j];
            double b = xHat[off + j];
            err += (a - b) * (a - b);
            xx += a * a;
            hh += b * b;
            xh += a * b;
            if (center != null) {
                cx += (a - center[j]) * (a - center[j]);
                ch += (b - center[j]) * (b - center[j]);
            }
        }
        sse += err;
        xHatSquares += hh;
        xHatDotX += xh;
        if (xx > 0) {
            nonZeroRows++;
            cosineSum += hh > 0 ? xh / (Math.sqrt(xx) * Math.sqrt(hh)) : 0;
            l2RatioSum += Math.sqrt(hh / xx);
        }
        if (center == null ? xx > 0 : cx > 0) {
            shrinkageRows++;
            shrinkageSum += center == null ? Math.sqrt(hh / xx) : Math.sqrt(ch / cx);
        }
    }

    /** Chan et al. (1979): merge this chunk's mean and centred squares (two-pass within it) into the totals. */
    private void mergeVariance(float[] x, int rows) {
        Arrays.fill(chunkMean, 0);
        Arrays.fill(chunkM2, 0);
        for (int n = 0; n < rows; n++) {
            for (int j = 0; j < dim; j++) {
                chunkMean[j] += x[n * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            chunkMean[j] /= rows;
        }
        for (int n = 0; n < rows; n++) {
            for (int j = 0; j < dim; j++) {
                double c = x[n * dim + j] - chunkMean[j];
                chunkM2[j] += c * c;
            }
        }
        long total = samples + rows;
        for (int j = 0; j < dim; j++) {
            double delta = chunkMean[j] - mean[j];
            mean[j] += delta * rows / total;
            m2[j] += chunkM2[j] + delta * delta * ((double) samples * rows / total);
        }
        samples = total;
    }

    /**
     * Adds the sums of {@code other} (the same dim and centre, other rows) into these: the figures become those of
     * both sets of rows, up to the order of the floating-point additions.
     */
    public void merge(ReconstructionMetrics other) {
        if (other.dim != dim || !Arrays.equals(other.center, center)) {
            throw new IllegalArgumentException("metrics of dim " + other.dim + " merged into dim " + dim + " or another centre");
        }
        if (other.samples == 0) {
            return;
        }
        long total = samples + other.samples;
        for (int j = 0; j < dim; j++) {
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * other.samples / total;
            m2[j] += other.m2[j] + delta * delta * ((double) samples * other.samples / total);
        }
        samples = total;
        sse += other.sse;
        cosineSum += other.cosineSum;
        l2RatioSum += other.l2RatioSum;
        nonZeroRows += other.nonZeroRows;
        shrinkageSum += other.shrinkageSum;
        shrinkageRows += other.shrinkageRows;
        xHatSquares += other.xHatSquares;
        xHatDotX += other.xHatDotX;
    }

    public long samples() {
        return samples;
    }

    public int dim() {
        return dim;
    }

    /** sum_n ||x_n - x_hat_n||^2 / (N d). */
    public double mse() {
        return samples == 0 ? Double.NaN : sse / ((double) samples * dim);
    }

    /** The total squared error sum_n ||x_n - x_hat_n||^2. */
    public double sumSquaredError() {
        return sse;
    }

    /** sum_n ||x_n - mu||^2 = N sum_d Var(x_d), with mu the per-dimension mean of everything seen. */
    public double totalSumOfSquares() {
        double t = 0;
        for (double v : m2) {
            t += v;
        }
        return t;
    }

    /** The per-dimension mean mu of the inputs seen so far. */
    public double[] inputMean() {
        return mean.clone();
    }

    /** 1 - sum_n ||x_n - x_hat_n||^2 / sum_n ||x_n - mu||^2; NaN when the inputs do not vary. */
    public double explainedVariance() {
        return ExplainedVariance.of(sse, totalSumOfSquares());
    }

    /** Mean over samples with x != 0 of cos(x, x_hat), 0 for a zero x_hat. */
    public double cosineSimilarity() {
        return nonZeroRows == 0 ? Double.NaN : cosineSum / nonZeroRows;
    }

    /** Mean over samples with x != 0 of ||x_hat|| / ||x||. */
    public double l2Ratio() {
        return nonZeroRows == 0 ? Double.NaN : l2RatioSum / nonZeroRows;
    }

    /** sum_n ||x_hat_n||^2 / sum_n x_hat_n . x_n. */
    public double relativeReconstructionBias() {
        return xHatDotX == 0 ? Double.NaN : xHatSquares / xHatDotX;
    }

    /** Mean over samples with x != b of ||x_hat - b|| / ||x - b||, b the centre (0 when none was given). */
    public double shrinkage() {
        return shrinkageRows == 0 ? Double.NaN : shrinkageSum / shrinkageRows;
    }
}
