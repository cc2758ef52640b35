package org.sae4j.model.sae;

import org.sae4j.tensor.ColumnSplits;
import org.sae4j.tensor.Selection;
import org.sae4j.tensor.SparseCode;

/**
 * JumpReLU's and gated's thresholds under a top-k budget of L* latents per sample ({@link org.sae4j.model.StepContext#budget}):
 * each sample's top ⌈L*⌉ pre-activations mark, latent by latent, how many rows of the batch it should fire on, and
 * each threshold follows the value that splits its latent's column there. A latent then fires about as often as the
 * budget picks it, and the L0 is about L*, with no λ and no pseudo-gradient.
 */
final class ThresholdBudget {
    /**
     * Each θ is a moving average of its latent's splits with this weight on the past: about ten batches, so the
     * thresholds keep up with a dictionary that is still learning (BatchTopK's threshold, then a 0.999 average from
     * its first batch, lagged so far behind on a run of a thousand steps that its L0 at inference was 4.8 for a k of 8,
     * on issue 18's Zipf task in R^96).
     */
    static final double SPLIT_BETA = 0.9;

    /** The budget's top-k (without its zeros) and the split of every latent's column (NaN where none splits). */
    record Marks(SparseCode top, float[] splits) {
    }

    private ThresholdBudget() {
    }

    /** The marks of a batch of pre-activations {@code pre} (batch × width); the counts are {@link BudgetCounts}'. */
    static Marks mark(float[] pre, int batch, int width, double budget) {
        int k = (int) Math.min(width, Math.ceil(budget));
        SparseCode top = Selection.topKPerRow(pre, batch, width, k);
        int[] n = BudgetCounts.of(top, budget, batch, width);
        return new Marks(top.withoutZeros(), ColumnSplits.of(pre, batch, width, n));
    }

    /**
     * Moves each θ_i (held as log θ_i) toward a positive split: θ_i ← β·θ_i + (1 − β)·split_i, never below
     * {@code floor} (log ε/2: θ > 0 keeps the rule a JumpReLU, and inside the kernel's window a later λ run can move
     * it). Written into the parameter itself, so the parameters and Adam's moments stay the whole state and a
     * checkpoint resumes it exactly.
     */
    static void follow(float[] logThreshold, float[] splits, float floor) {
        for (int i = 0; i < logThreshold.length; i++) {
            if (splits[i] > 0f) {
                double theta = SPLIT_BETA * StrictMath.exp(logThreshold[i]) + (1 - SPLIT_BETA) * splits[i];
                logThreshold[i] = Math.max(floor, (float) StrictMath.log(theta));
            }
        }
    }

    /**
     * Rescales a fresh model's decoder rows to unit norm, and its encoder rows (W_dec's at the start) alike: a JumpReLU
     * trained to a target L0 trains as the k-sparse family does and starts where they start. At the λ rule's 0.1 the
     * same run reached FVU 0.22 where unit rows reach 0.07 (issue 18's Zipf task in R^96).
     */
    static void unitRows(float[] enc, float[] dec, int width, int d, int dOut) {
        for (int i = 0; i < width; i++) {
            double sq = 0;
            for (int j = 0; j < dOut; j++) {
                sq += (double) dec[i * dOut + j] * dec[i * dOut + j];
            }
            if (!(sq > 0)) {
                continue;
            }
            float s = (float) (1 / Math.sqrt(sq));
            for (int j = 0; j < dOut; j++) {
                dec[i * dOut + j] *= s;
            }
            for (int j = 0; j < d; j++) {
                enc[i * d + j] *= s;
            }
        }
    }
}
