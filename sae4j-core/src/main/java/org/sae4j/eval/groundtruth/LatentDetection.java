package org.sae4j.eval.groundtruth;

/**
 * Each latent as a detector of the true feature its decoder row matches best (argmax_i |cos(f_i, w_j)|, as in
 * SynthSAEBench's classification metrics), scored on samples whose true coefficients are known: on a sample the
 * latent says "present" when its activation is > 0, the truth is "present" when the feature's coefficient is
 * > 0. Per latent: precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R), each 0 when its
 * denominator is 0, accuracy = (TP + TN) / samples; the figures reported are the means over all W latents.
 * Accumulates in one streaming pass, so it takes the same chunks as the other metrics.
 */
public final class LatentDetection {
    private final int features;
    private final int latents;
    private final int[] target;
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;
    private long samples;

    /** Means over latents of the per-latent scores. */
    public record Scores(double precision, double recall, double f1, double accuracy) {
    }

    public LatentDetection(GroundTruthMetrics match, int numFeatures, int numLatents) {
        this.features = numFeatures;
        this.latents = numLatents;
        this.target = new int[numLatents];
        for (int j = 0; j < numLatents; j++) {
            int best = 0;
            for (int i = 1; i < numFeatures; i++) {
                if (Math.abs(match.cosine(i, j)) > Math.abs(match.cosine(best, j))) {
                    best = i;
                }
            }
            target[j] = best;
        }
        tp = new long[numLatents];
        fp = new long[numLatents];
        fn = new long[numLatents];
    }

    /** The feature latent j is scored against. */
    public int target(int latent) {
        return target[latent];
    }

    /** Adds {@code rows} samples: codes [rows, W] dense, trueCoefficients [rows, G]. */
    public void add(float[] codes, float[] trueCoefficients, int rows) {
        if (codes.length < (long) rows * latents || trueCoefficients.length < (long) rows * features) {
            throw new IllegalArgumentException("buffers too small for " + rows + " rows");
        }
        for (int n = 0; n < rows; n++) {
            for (int j = 0; j < latents; j++) {
                boolean says = codes[n * latents + j] > 0;
                boolean is = trueCoefficients[n * features + target[j]] > 0;
                if (says && is) {
                    tp[j]++;
                } else if (says) {
                    fp[j]++;
                } else if (is) {
                    fn[j]++;
                }
            }
        }
        samples += rows;
    }

    public long samples() {
        return samples;
    }

    public Scores scores() {
        double p = 0;
        double r = 0;
        double f = 0;
        double a = 0;
        for (int j = 0; j < latents; j++) {
            double pj = tp[j] + fp[j] == 0 ? 0 : (double) tp[j] / (tp[j] + fp[j]);
            double rj = tp[j] + fn[j] == 0 ? 0 : (double) tp[j] / (tp[j] + fn[j]);
            p += pj;
            r += rj;
            f += pj + rj == 0 ? 0 : 2 * pj * rj / (pj + rj);
            a += samples == 0 ? 0 : (double) (samples - fp[j] - fn[j]) / samples;
        }
        return new Scores(p / latents, r / latents, f / latents, a / latents);
    }
}
