package org.sae4j.data;

import java.util.Locale;
import org.sae4j.InvalidInputException;

/**
 * An affine per-value transform {@code (x - offset) * scale}, fitted on training data and reused
 * unchanged on evaluation data so both see the same scaling. MIN_MAX keeps one global offset/scale
 * (pixels share a unit, and per-pixel ranges would blow up always-black border pixels);
 * STANDARDIZE keeps one per feature. MEAN_NORM scales by one global factor so that the mean squared norm of a
 * sample is d_in, as the SAE literature does for activations (SAELens "expected_average_only_in"); it keeps
 * the origin, so offset is 0.
 */
public record Normalizer(Kind kind, float[] offset, float[] scale) {

    public enum Kind { NONE, MIN_MAX, STANDARDIZE, MEAN_NORM }

    public Normalizer {
        if (offset.length != scale.length) {
            throw new IllegalArgumentException(offset.length + " offsets but " + scale.length + " scales");
        }
    }

    /** The identity: the model sees its input as it is. */
    public static Normalizer none() {
        return new Normalizer(Kind.NONE, new float[0], new float[0]);
    }

    /** Accepts the CLI spellings of a kind; anything else is a one-sentence user error. */
    public static Kind parse(String text) {
        String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "none" -> Kind.NONE;
            case "minmax", "min-max", "min_max" -> Kind.MIN_MAX;
            case "standardize", "standardise" -> Kind.STANDARDIZE;
            case "mean-norm", "mean_norm", "meannorm" -> Kind.MEAN_NORM;
            default -> throw new InvalidInputException("Normalization '" + text
                    + "' is not recognised; expected one of none, minmax (or min-max), standardize (or standardise), mean-norm.");
        };
    }

    public static Normalizer fit(Kind kind, Dataset data) {
        if (kind != Kind.NONE && data.rows() == 0) {
            throw new InvalidInputException("Data '" + data.name() + "' has no rows; expected at least one to fit "
                    + kind + " normalization.");
        }
        return switch (kind) {
            case NONE -> new Normalizer(kind, new float[0], new float[0]);
            case MIN_MAX -> fitMinMax(data);
            case STANDARDIZE -> fitStandardize(data);
            case MEAN_NORM -> fitMeanNorm(data);
        };
    }

    private static Normalizer fitMinMax(Dataset data) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : data.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // Constant data: scale 1 maps everything to 0 instead of dividing by zero.
        double range = (double) max - min;
        float scale = range > 0 ? (float) (1.0 / range) : 1f;
        return new Normalizer(Kind.MIN_MAX, new float[] {min}, new float[] {scale});
    }

    /** One factor s with mean_n ‖s·x_n‖² = d_in. */
    private static Normalizer fitMeanNorm(Dataset data) {
        double sq = 0;
        for (float v : data.values()) {
            sq += (double) v * v;
        }
        double meanSq = sq / data.rows();
        float scale = meanSq > 0 ? (float) Math.sqrt(data.cols() / meanSq) : 1f;
        return new Normalizer(Kind.MEAN_NORM, new float[] {0f}, new float[] {scale});
    }

    private static Normalizer fitStandardize(Dataset data) {
        int rows = data.rows();
        int cols = data.cols();
        float[] x = data.values();
        // Double accumulators: 60,000 float additions lose several digits of a float sum.
        double[] mean = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mean[c] += x[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= rows;
        }
        // Second pass over deviations, which stays accurate where E[x^2] - E[x]^2 would cancel.
        double[] var = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = x[r * cols + c] - mean[c];
                var[c] += d * d;
            }
        }
        float[] offset = new float[cols];
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            double std = Math.sqrt(var[c] / rows);
            offset[c] = (float) mean[c];
            scale[c] = std > 0 ? (float) (1.0 / std) : 1f;
        }
        return new Normalizer(Kind.STANDARDIZE, offset, scale);
    }

    /**
     * The transform of columns [from, from + count) of the rows this was fitted on (a transcoder's inputs of its
     * [x | y] rows): this one when it is one value for all columns or already that wide, else the columns' slice.
     */
    public Normalizer columns(int from, int count) {
        if (offset.length <= 1 || (from == 0 && count == offset.length)) {
            return this;
        }
        return new Normalizer(kind, java.util.Arrays.copyOfRange(offset, from, from + count),
                java.util.Arrays.copyOfRange(scale, from, from + count));
    }

    /** A new dataset of {@code (x - offset) * scale}; NONE returns the input itself, unchanged. */
    public Dataset apply(Dataset data) {
        if (kind == Kind.NONE) {
            return data;
        }
        if (kind == Kind.STANDARDIZE) {
            data.requireCols(offset.length, "the fitted normalizer");
        }
        float[] x = data.values();
        float[] out = new float[x.length];
        int width = offset.length;
        for (int i = 0; i < x.length; i++) {
            int f = i % width;
            out[i] = (x[i] - offset[f]) * scale[f];
        }
        return new Dataset(data.name(), out, data.rows(), data.cols(), data.labels());
    }

    /** Normalises {@code x[0, length)} in place, with the same arithmetic as {@link #apply(Dataset)}. */
    public void applyInPlace(float[] x, int length) {
        if (kind == Kind.NONE) {
            return;
        }
        int width = offset.length;
        for (int i = 0; i < length; i++) {
            int f = i % width;
            x[i] = (x[i] - offset[f]) * scale[f];
        }
    }

    /** Maps normalized values (one or more rows, row-major) back to the original units: {@code x / scale + offset}. */
    public float[] invert(float[] values) {
        if (kind == Kind.NONE) {
            return values.clone();
        }
        if (values.length % offset.length != 0) {
            throw new IllegalArgumentException(values.length + " values are not whole rows of " + offset.length);
        }
        float[] out = new float[values.length];
        int width = offset.length;
        for (int i = 0; i < values.length; i++) {
            int f = i % width;
            out[i] = values[i] / scale[f] + offset[f];
        }
        return out;
    }
}
