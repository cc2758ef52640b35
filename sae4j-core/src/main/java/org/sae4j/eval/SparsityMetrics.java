package org.sae4j.eval;

/**
 * How often each latent fires, accumulated in one streaming pass from dense or sparse activation rows. A latent
 * fires on a sample when its activation is strictly greater than 0 (SAELens and dictionary_learning count the
 * same; negative or zero activations are off). N is the number of samples seen.
 *
 * <ul>
 * <li>{@link #l0()}: total firings / N, the mean number of firing latents per sample.
 * <li>{@link #l1()}: sum of |activation| over all entries / N.
 * <li>{@link #firingCounts()}: per latent, the number of samples it fired on.
 * <li>{@link #density()}: per latent, firings / N.
 * <li>{@link #deadFraction()}: latents that never fired on the evaluated data / width.
 * <li>{@link #log10Density()}: per latent log10(density + 1e-10), SAELens's sparsity.safetensors convention,
 *     so a dead latent reads -10.
 * <li>{@link #histogram(int)}: alive latents binned by log10(density) over [log10(1/N), 0], dead counted apart.
 * </ul>
 * Two sets' counts {@link #merge} into the counts of both (a cluster's partitions).
 */
public final class SparsityMetrics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The epsilon SAELens adds before log10 so dead latents stay finite. */
    public static final double LOG_DENSITY_EPSILON = 1e-10;

    private final int width;
    private final long[] fires;
    private long samples;
    private long totalFires;
    private double l1Sum;

    public SparsityMetrics(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException("width " + width);
        }
        this.width = width;
        this.fires = new long[width];
    }

    /** Adds {@code rows} dense activation rows, [rows, width] row-major. */
    public void addDense(float[] activations, int rows) {
        if (rows < 0 || activations.length < (long) rows * width) {
            throw new IllegalArgumentException(rows + " rows of " + width + " from " + activations.length);
        }
        for (int n = 0; n < rows; n++) {
            for (int i = 0; i < width; i++) {
                count(i, activations[n * width + i]);
            }
        }
        samples += rows;
    }

    /**
     * Adds {@code rows} sparse rows of exactly {@code k} entries each (the TopK layout): row n holds latents
     * indices[n*k + j] with values[n*k + j]. Indices within a row must be distinct.
     */
    public void addSparse(int[] indices, float[] values, int rows, int k) {
        if (rows < 0 || k < 0 || indices.length < (long) rows * k || values.length < (long) rows * k) {
            throw new IllegalArgumentException(rows + " rows of " + k + " entries");
        }
        for (int i = 0; i < rows * k; i++) {
            count(indices[i], values[i]);
        }
        samples += rows;
    }

    /**
     * Adds {@code rows} sparse rows in compressed-row form: row n holds entries rowStart[n] .. rowStart[n+1]-1
     * of indices and values ({@code rowStart} has rows + 1 entries). Indices within a row must be distinct.
     */
    public void addCsr(int[] rowStart, int[] indices, float[] values, int rows) {
        if (rows < 0 || rowStart.length < rows + 1) {
            throw new IllegalArgumentException(rows + " rows with " + rowStart.length + " row starts");
        }
        for (int e = rowStart[0]; e < rowStart[rows]; e++) {
            count(indices[e], values[e]);
        }
        samples += rows;
    }

    private void count(int latent, float value) {
        if (value > 0) {
            fires[latent]++;
            totalFires++;
        }
        l1Sum += Math.abs(value);
    }

    /** Adds the counts of {@code other} (the same width, other rows) into these. */
    public void merge(SparsityMetrics other) {
        if (other.width != width) {
            throw new IllegalArgumentException("width " + other.width + " merged into width " + width);
        }
        for (int i = 0; i < width; i++) {
            fires[i] += other.fires[i];
        }
        samples += other.samples;
        totalFires += other.totalFires;
        l1Sum += other.l1Sum;
    }

    public int width() {
        return width;
    }

    public long samples() {
        return samples;
    }

    /** Mean number of latents with activation > 0 per sample. */
    public double l0() {
        return samples == 0 ? Double.NaN : (double) totalFires / samples;
    }

    /** Mean over samples of the sum of |activation|. */
    public double l1() {
        return samples == 0 ? Double.NaN : l1Sum / samples;
    }

    /** Per latent, the number of samples on which its activation was > 0. */
    public long[] firingCounts() {
        return fires.clone();
    }

    /** Latents that never fired. */
    public int deadCount() {
        int dead = 0;
        for (long f : fires) {
            dead += f == 0 ? 1 : 0;
        }
        return dead;
    }

    /** Latents that never fired on the evaluated data / width. */
    public double deadFraction() {
        return (double) deadCount() / width;
    }

    /** Per latent, the firing count / N. */
    public double[] density() {
        double[] d = new double[width];
        for (int i = 0; i < width; i++) {
            d[i] = samples == 0 ? 0 : (double) fires[i] / samples;
        }
        return d;
    }

    /** Per latent, log10(density + 1e-10). */
    public double[] log10Density() {
        double[] d = density();
        for (int i = 0; i < width; i++) {
            d[i] = Math.log10(d[i] + LOG_DENSITY_EPSILON);
        }
        return d;
    }

    /**
     * Alive latents binned by log10(density) into {@code bins} equal bins over [log10(1/N), 0], the range a
     * latent that fired at least once on N samples can take; dead latents are counted in {@code dead}.
     */
    public DensityHistogram histogram(int bins) {
        if (bins <= 0) {
            throw new IllegalArgumentException("bins " + bins);
        }
        double low = samples <= 1 ? -1 : -Math.log10(samples);
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = low * (bins - b) / bins + 0.0; // + 0.0 turns the last edge's -0.0 into 0.0
        }
        long[] counts = new long[bins];
        long dead = 0;
        for (long f : fires) {
            if (f == 0) {
                dead++;
                continue;
            }
            double v = Math.log10((double) f / samples);
            int b = (int) Math.floor((v - low) / -low * bins);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return new DensityHistogram(edges, counts, dead);
    }
}
