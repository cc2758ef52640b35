package org.sae4j.data.synthetic;

import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.tensor.Rng;

/**
 * Transcoder data with a known answer: the inputs are {@link SyntheticSpec}'s samples, x = Σ_i c_i·e_i (+ σ·g, g a
 * standard Gaussian vector, when {@code noise} σ > 0), and each target is a known sparse function of its input
 * plus a known linear part,
 * <pre>
 *   y = Σ_i c_i·d_i + L·x
 * </pre>
 * where f_i(x) = c_i are the input's feature coefficients, d_i unit output directions in R^{@code outputDim} (drawn
 * apart from the e_i, so no output direction is an input direction), and L an [outputDim, dim] matrix of
 * N(0, linear²/dim) entries, so that ‖L·x‖ ≈ linear·‖x‖ (zero when {@code linear} = 0). A transcoder should find
 * the d_i in its decoder rows; a skip transcoder should also put L into W_skip. The dense noise is what makes L
 * identifiable: on the span of the e_i a latent's decoder row could absorb L·e_i, but only a linear map explains
 * L·g.
 *
 * @param input     the input's features, firing and magnitudes
 * @param outputDim d_out
 * @param noise     σ of the dense Gaussian part of x (0 for none)
 * @param linear    the scale of L (0 for none)
 */
public record SyntheticPairs(SyntheticSpec input, int outputDim, double noise, double linear) {

    public SyntheticPairs {
        if (outputDim < 1) {
            throw new InvalidInputException("Synthetic target width " + outputDim + " is invalid; expected at least 1.");
        }
        if (!(noise >= 0 && Double.isFinite(noise)) || !(linear >= 0 && Double.isFinite(linear))) {
            throw new InvalidInputException("Synthetic noise " + noise + " and linear scale " + linear
                    + " are invalid; expected finite numbers of at least 0.");
        }
    }

    /** Row-aligned inputs and targets. */
    public record Sample(Dataset inputs, Dataset targets) {
    }

    /** The output directions d_i, [numFeatures, outputDim] row-major, each of unit norm. */
    public float[] outputDirections() {
        Rng rng = Rng.forPurpose(input.seed(), "synthetic-output-directions");
        int n = input.numFeatures();
        float[] out = new float[n * outputDim];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < outputDim; j++) {
                out[i * outputDim + j] = (float) rng.gaussian();
                norm += (double) out[i * outputDim + j] * out[i * outputDim + j];
            }
            double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int j = 0; j < outputDim; j++) {
                out[i * outputDim + j] = (float) (out[i * outputDim + j] * inv);
            }
        }
        return out;
    }

    /** The planted linear part L, [outputDim, dim] row-major; all zeros when {@code linear} = 0. */
    public float[] linearMap() {
        int dim = input.dim();
        float[] l = new float[outputDim * dim];
        if (linear == 0) {
            return l;
        }
        Rng rng = Rng.forPurpose(input.seed(), "synthetic-linear-map");
        double s = linear / Math.sqrt(dim);
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) (s * rng.gaussian());
        }
        return l;
    }

    /** The spec's {@code samples} pairs from its {@code start}, in memory. */
    public Sample sample() {
        int rows = input.samples();
        int dim = input.dim();
        int features = input.numFeatures();
        if ((long) rows * Math.max(features, Math.max(dim, outputDim)) > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("Synthetic pairs of " + rows + " samples are too large to hold in memory; "
                    + "expected fewer samples.");
        }
        float[] x = new float[rows * dim];
        float[] c = new float[rows * features];
        input.stream().next(x, c, rows);
        if (noise > 0) {
            // Its own stream per start, so a held-out set (another start) gets other noise.
            Rng rng = Rng.forPurpose(input.seed(), "synthetic-input-noise from " + input.start());
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (noise * rng.gaussian());
            }
        }
        float[] d = outputDirections();
        float[] l = linearMap();
        float[] y = new float[rows * outputDim];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < features; i++) {
                float ci = c[r * features + i];
                if (ci != 0f) {
                    for (int j = 0; j < outputDim; j++) {
                        y[r * outputDim + j] += ci * d[i * outputDim + j];
                    }
                }
            }
            if (linear > 0) {
                for (int o = 0; o < outputDim; o++) {
                    double s = 0;
                    for (int j = 0; j < dim; j++) {
                        s += (double) l[o * dim + j] * x[r * dim + j];
                    }
                    y[r * outputDim + o] += (float) s;
                }
            }
        }
        return new Sample(new Dataset(SyntheticSpec.PREFIX, x, rows, dim),
                new Dataset(SyntheticSpec.PREFIX + " target", y, rows, outputDim));
    }
}
