package org.sae4j.eval.groundtruth;

/**
 * Compares learned decoder rows (W latents, [W, d]) with the true features ([G, d]) of synthetic data, on the
 * cosine matrix cos(f_i, w_j) computed once. Definitions:
 *
 * <ul>
 * <li>{@link #mmcs()}: mean max cosine similarity, (1/G) sum_i max_j cos(f_i, w_j). The signed cosine, as
 *     {@code mmcs} in shared/reference/torch_sae.py computes it (its docstring says |cos| but the code takes
 *     the plain max); the two agree once a latent points along each feature, which the recovery bar needs.
 * <li>{@link #mcc()}: mean correlation coefficient, the mean |cos| over the min(G, W) pairs of the one-to-one
 *     matching of features to latents that maximises the total |cos| ({@link Hungarian}); as SynthSAEBench's
 *     mean_correlation_coefficient, after O'Neill et al. 2024 (arXiv:2411.13117).
 * <li>{@link #uniqueness()}: take each latent's best feature argmax_i |cos(f_i, w_j)|; the number of distinct
 *     features so chosen / W, as SynthSAEBench's feature_uniqueness: 1 when no two latents share a feature,
 *     at most min(G, W) / W.
 * <li>{@link #report(double, boolean[])} precision, recall, F1: latent j detects feature i when
 *     cos(f_i, w_j) >= threshold (signed: a decoder row pointing against a feature cannot rebuild it).
 *     Precision = alive latents that detect some feature / alive latents; recall = features detected by some
 *     alive latent / G; F1 = 2PR / (P + R), 0 when both are 0. Alive latents are those that fired on the
 *     evaluated data ({@code alive} null counts every latent alive).
 * </ul>
 * A decoder row of zeros has cosine 0 with everything.
 */
public final class GroundTruthMetrics {
    /** The default detection threshold: a latent within about 25 degrees of a feature detects it. */
    public static final double DEFAULT_THRESHOLD = 0.9;

    private final int features;
    private final int latents;
    /** cos(f_i, w_j) as [G, W]. */
    private final double[] cos;

    /** {@code trueFeatures} is [numFeatures, dim], {@code decoder} is [numLatents, dim], both row-major. */
    public GroundTruthMetrics(float[] trueFeatures, int numFeatures, float[] decoder, int numLatents, int dim) {
        if (numFeatures <= 0 || numLatents <= 0 || dim <= 0) {
            throw new IllegalArgumentException(numFeatures + " features, " + numLatents + " latents, dim " + dim);
        }
        this.features = numFeatures;
        this.latents = numLatents;
        this.cos = Cosines.matrix(trueFeatures, numFeatures, decoder, numLatents, dim);
    }

    /** cos(f_i, w_j). */
    public double cosine(int feature, int latent) {
        return cos[feature * latents + latent];
    }

    /** (1/G) sum_i max_j cos(f_i, w_j). */
    public double mmcs() {
        double sum = 0;
        for (int i = 0; i < features; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < latents; j++) {
                best = Math.max(best, cos[i * latents + j]);
            }
            sum += best;
        }
        return sum / features;
    }

    /** Mean |cos| over the Hungarian-optimal one-to-one matching of features to latents. */
    public double mcc() {
        int[] match = matching();
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < features; i++) {
            if (match[i] >= 0) {
                sum += Math.abs(cos[i * latents + match[i]]);
                pairs++;
            }
        }
        return sum / pairs;
    }

    /** For each feature, the latent it is matched to by maximal total |cos|, or -1 when W < G leaves it out. */
    public int[] matching() {
        double[] abs = new double[cos.length];
        for (int k = 0; k < cos.length; k++) {
            abs[k] = Math.abs(cos[k]);
        }
        return Hungarian.maximize(abs, features, latents);
    }

    /** Distinct features among the latents' best |cos| matches / W. */
    public double uniqueness() {
        boolean[] chosen = new boolean[features];
        int distinct = 0;
        for (int j = 0; j < latents; j++) {
            int best = 0;
            for (int i = 1; i < features; i++) {
                if (Math.abs(cos[i * latents + j]) > Math.abs(cos[best * latents + j])) {
                    best = i;
                }
            }
            if (!chosen[best]) {
                chosen[best] = true;
                distinct++;
            }
        }
        return (double) distinct / latents;
    }

    /** Every figure, with detection at cos >= {@code threshold} among the {@code alive} latents (null: all). */
    public GroundTruthReport report(double threshold, boolean[] alive) {
        if (alive != null && alive.length != latents) {
            throw new IllegalArgumentException(alive.length + " alive flags for " + latents + " latents");
        }
        boolean[] detected = new boolean[features];
        int aliveCount = 0;
        int detecting = 0;
        for (int j = 0; j < latents; j++) {
            if (alive != null && !alive[j]) {
                continue;
            }
            aliveCount++;
            boolean any = false;
            for (int i = 0; i < features; i++) {
                if (cos[i * latents + j] >= threshold) {
                    detected[i] = true;
                    any = true;
                }
            }
            detecting += any ? 1 : 0;
        }
        int found = 0;
        for (boolean d : detected) {
            found += d ? 1 : 0;
        }
        double precision = aliveCount == 0 ? 0 : (double) detecting / aliveCount;
        double recall = (double) found / features;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new GroundTruthReport(mmcs(), mcc(), uniqueness(), precision, recall, f1, threshold, features,
                latents, aliveCount);
    }

    /** {@link #report(double, boolean[])} at {@link #DEFAULT_THRESHOLD} with every latent alive. */
    public GroundTruthReport report() {
        return report(DEFAULT_THRESHOLD, null);
    }

    /** Alive flags from per-latent firing counts (as SparsityMetrics#firingCounts gives them). */
    public static boolean[] alive(long[] firingCounts) {
        boolean[] alive = new boolean[firingCounts.length];
        for (int j = 0; j < alive.length; j++) {
            alive[j] = firingCounts[j] > 0;
        }
        return alive;
    }
}
