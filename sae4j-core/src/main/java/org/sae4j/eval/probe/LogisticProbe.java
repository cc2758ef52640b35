package org.sae4j.eval.probe;

import java.util.List;
import org.sae4j.nn.Parameter;
import org.sae4j.optim.Adam;
import org.sae4j.tensor.Rng;
import org.sae4j.tensor.SparseCode;

/**
 * A multinomial logistic-regression probe: softmax(W x + b), trained by mini-batch Adam on cross-entropy with an
 * L2 penalty, then scored by accuracy. The step size and penalty are {@link Settings}; {@link TunedProbe} picks
 * them by validation. The weights are {@link Parameter}s stepped by the trainer's own {@link Adam}, so the probe
 * has no second copy of the update rule; gradients are summed in double and handed over as floats.
 *
 * <p>Written by hand: the small Java libraries that do this (LIBLINEAR, Smile) are not in the offline Maven
 * repository this project builds from, and the solver is some sixty lines. Single-threaded over a seeded
 * order, so the same seed gives the same accuracy to the last bit.
 *
 * <p>All features are divided by one factor, the root of their mean square on the training rows averaged over the
 * features that ever fire, so pixels and latents of any overall scale train with one learning rate. One factor,
 * not one per feature: dividing each feature by its own root mean square blew a latent that fires on 0.03% of
 * rows up some 60-fold, and the probe memorised such rare latents (train 0.997, test 0.78 on a TopK SAE's
 * latents). Not centred either: centring would make sparse latents dense.
 */
public final class LogisticProbe {
    static final int BATCH = 128;

    /** Adam's initial step size (decayed linearly to zero) and the L2 penalty on the weights. */
    public record Settings(double learningRate, double l2) {
    }

    private final int dim;
    private final int classes;
    private final Parameter weights; // [feature][class]
    private final Parameter bias;
    private final float[] w;
    private final float[] b;
    private final double scale;
    private final Settings settings;

    private LogisticProbe(int dim, int classes, double scale, Settings settings) {
        this.dim = dim;
        this.classes = classes;
        this.weights = new Parameter("probe.weight", new int[] {dim, classes}, true);
        this.bias = new Parameter("probe.bias", new int[] {classes}, false);
        this.w = weights.value();
        this.b = bias.value();
        this.scale = scale;
        this.settings = settings;
    }

    /** Fits a probe to labels {@code y} in [0, classes) over {@code epochs} passes. */
    public static LogisticProbe fit(SparseCode x, int[] y, int classes, int epochs, Settings settings, long seed) {
        LogisticProbe p = new LogisticProbe(x.width(), classes, sharedScale(x), settings);
        p.train(x, y, epochs, seed);
        return p;
    }

    /** One over the root of the features' mean square, averaged over the features that are ever non-zero. */
    static double sharedScale(SparseCode x) {
        boolean[] live = new boolean[x.width()];
        double sq = 0;
        for (int i = 0; i < x.size(); i++) {
            live[x.index()[i]] |= x.value()[i] != 0;
            sq += (double) x.value()[i] * x.value()[i];
        }
        int alive = 0;
        for (boolean l : live) {
            alive += l ? 1 : 0;
        }
        return sq == 0 ? 0 : 1 / Math.sqrt(sq / x.rows() / alive);
    }

    public Settings settings() {
        return settings;
    }

    private void train(SparseCode x, int[] y, int epochs, long seed) {
        Rng rng = Rng.forPurpose(seed, "probe");
        Adam adam = new Adam(settings.learningRate());
        List<Parameter> parameters = List.of(weights, bias);
        double[] grad = new double[w.length + b.length]; // the batch's summed gradient, weights then biases
        double[] prob = new double[classes];
        int rows = x.rows();
        long steps = (long) epochs * ((rows + BATCH - 1) / BATCH);
        long t = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = rng.permutation(rows);
            for (int from = 0; from < rows; from += BATCH) {
                int n = Math.min(BATCH, rows - from);
                java.util.Arrays.fill(grad, 0);
                for (int i = 0; i < n; i++) {
                    int r = order[from + i];
                    softmax(x, r, prob);
                    prob[y[r]] -= 1; // d(cross-entropy)/d(logit)
                    for (int k = x.rowStart()[r]; k < x.rowStart()[r + 1]; k++) {
                        double f = x.value()[k] * scale;
                        int base = x.index()[k] * classes;
                        for (int c = 0; c < classes; c++) {
                            grad[base + c] += f * prob[c];
                        }
                    }
                    for (int c = 0; c < classes; c++) {
                        grad[w.length + c] += prob[c];
                    }
                }
                for (int i = 0; i < w.length; i++) {
                    weights.grad()[i] = (float) (grad[i] / n + settings.l2() * w[i]);
                }
                for (int c = 0; c < classes; c++) {
                    bias.grad()[c] = (float) (grad[w.length + c] / n);
                }
                t++;
                // Linear decay to zero lets the last epochs settle instead of rattling around the optimum.
                adam.step(parameters, 1 - (double) (t - 1) / steps);
            }
        }
    }

    private void softmax(SparseCode x, int r, double[] out) {
        for (int c = 0; c < classes; c++) {
            out[c] = b[c];
        }
        for (int k = x.rowStart()[r]; k < x.rowStart()[r + 1]; k++) {
            double f = x.value()[k] * scale;
            int base = x.index()[k] * classes;
            for (int c = 0; c < classes; c++) {
                out[c] += f * w[base + c];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, out[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }

    /** The fraction of rows whose most probable class is their label. */
    public double accuracy(SparseCode x, int[] y) {
        if (x.width() != dim) {
            throw new IllegalArgumentException("probe of " + dim + " features given " + x.width());
        }
        double[] prob = new double[classes];
        int right = 0;
        for (int r = 0; r < x.rows(); r++) {
            softmax(x, r, prob);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (prob[c] > prob[best]) {
                    best = c;
                }
            }
            right += best == y[r] ? 1 : 0;
        }
        return (double) right / x.rows();
    }
}
