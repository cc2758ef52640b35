package org.sae4j.eval.latents;

import org.sae4j.InvalidInputException;

/**
 * What the browser keeps of each latent. Memory is width × {@link #slotsPerLatent()} × (2·window + 1) × 6 bytes
 * for the examples, plus width × bins × 20 fine histogram counts: bounded by the latents and the examples, never
 * by the rows.
 *
 * @param top         top-activating examples per latent (SAEDashboard and Neuronpedia show 20)
 * @param window      rows (tokens) kept on each side of the firing one, within its document
 * @param bins        bins of each latent's activation histogram
 * @param intervals   equal-width activation intervals (SAEDashboard's groups), an even number
 * @param perInterval examples sampled per interval
 * @param quantiles   equal-count groups by rank (delphi's quantiles)
 * @param perQuantile examples per quantile group
 * @param seed        seed of the reservoir samples
 */
public record ProfileOptions(int top, int window, int bins, int intervals, int perInterval, int quantiles,
                             int perQuantile, long seed) implements java.io.Serializable {
    /** The most rows on each side of a firing row: its neighbours must lie in the chunks before and after it. */
    public static final int MAX_WINDOW = 256;

    public ProfileOptions {
        if (top <= 0 || top > 1000) {
            throw new InvalidInputException("--top is " + top + "; expected between 1 and 1000 examples per latent.");
        }
        if (window < 0 || window > MAX_WINDOW) {
            throw new InvalidInputException("--window is " + window + "; expected between 0 and " + MAX_WINDOW
                    + " tokens on each side.");
        }
        if (intervals <= 0 || intervals % 2 != 0 || intervals > 1000 || bins <= 0 || bins > 1000) {
            throw new InvalidInputException("The histogram has " + bins + " bins and " + intervals + " intervals; "
                    + "expected 1 to 1000 bins and an even number of intervals up to 1000.");
        }
        if (perInterval < 0 || perInterval > 100 || quantiles < 0 || quantiles > 100 || perQuantile < 0
                || perQuantile > 100) {
            throw new InvalidInputException("Example groups of " + perInterval + " per interval and " + quantiles
                    + " quantiles of " + perQuantile + "; expected 0 to 100 each.");
        }
    }

    /** The defaults of SAEDashboard and delphi: 20 top examples of ±12 tokens, 50 bins, 10 × 5 of each grouping. */
    public static ProfileOptions defaults() {
        return new ProfileOptions(20, 12, 50, 10, 5, 10, 5, 0);
    }

    public ProfileOptions withTop(int n) {
        return new ProfileOptions(n, window, bins, intervals, perInterval, quantiles, perQuantile, seed);
    }

    public ProfileOptions withSeed(long s) {
        return new ProfileOptions(top, window, bins, intervals, perInterval, quantiles, perQuantile, s);
    }

    public ProfileOptions withWindow(int n) {
        return new ProfileOptions(top, n, bins, intervals, perInterval, quantiles, perQuantile, seed);
    }

    /** Rows kept per example: the firing row and the window on either side. */
    public int windowRows() {
        return 2 * window + 1;
    }

    public int slotsPerLatent() {
        return top + intervals * perInterval + quantiles * perQuantile;
    }

    /** Bytes of the examples and histograms for {@code width} latents: what the pass holds whatever the data. */
    public long bytesFor(int width) {
        return ExampleSlots.bytesFor((long) width * slotsPerLatent(), windowRows())
                + FineHistograms.bytesFor(width, bins) + (long) width * intervals * 8 + (long) width * top * 16;
    }
}
