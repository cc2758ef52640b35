package org.sae4j.eval;

/**
 * The one definition of explained variance (README "Metric definitions", {@link EvalReport}), from the two sums
 * every caller already has: sse = sum_n ||x_n - x_hat_n||^2 and sst = sum_n ||x_n - mu||^2, mu the per-dimension
 * mean of the rows in question (about the mean, not zero: SAELens #665). Evaluation, the SAE report and the
 * trainer's live per-batch estimate all call it, so constant data gets one answer everywhere.
 */
public final class ExplainedVariance {
    private ExplainedVariance() {
    }

    /**
     * 1 - sse / sst; NaN when sst = 0: data that does not vary (one row, a constant column set) has no variance to
     * explain, so no fraction of it is explained, whatever the error.
     */
    public static double of(double sse, double sst) {
        return sst == 0 ? Double.NaN : 1 - sse / sst;
    }

    /**
     * The fraction of variance unexplained, sse / sst. On constant data it is documented apart ({@link EvalReport}):
     * 0 when the reconstruction is exact and +infinity when it is not, so that an error on such data still reads
     * as worse than predicting the mean.
     */
    public static double unexplainedFraction(double sse, double sst) {
        return sst == 0 ? (sse == 0 ? 0 : Double.POSITIVE_INFINITY) : sse / sst;
    }
}
