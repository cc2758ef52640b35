package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sae4j.eval.EvalReport;
import org.sae4j.model.History;

/**
 * Looks at a finished run for the signs of a failed one (a diverged learning rate, a crushing penalty)
 * that the exit code cannot show: nearly every latent (or code unit) dead, reconstructions worse than the mean, or a
 * loss that ended far above where it started. Training still succeeded as far as the program goes, so these are warnings, not errors.
 */
final class TrainingWarnings {
    /** A code with at least this fraction of units never active carries almost no information. */
    static final double DEAD = 0.9;
    /** A final loss this many times the first epoch's means training went the wrong way. */
    static final double RISE = 2.0;

    private TrainingWarnings() {
    }

    /** {@code noun} names what the code is made of: "latents" for an SAE, "code units" else ({@link EvalText#noun}). */
    static List<String> of(History history, EvalReport report, String noun) {
        List<String> out = new ArrayList<>();
        if (report.deadFraction() >= DEAD) {
            out.add(String.format(Locale.ROOT, "Warning: %.0f%% of the %d %s were never active on the scored "
                    + "rows, so the code says almost nothing; a lower --lr or a weaker sparsity penalty may help.",
                    100 * report.deadFraction(), report.codeSize(), noun));
        }
        if (report.fvu() > 1) {
            out.add(String.format(Locale.ROOT, "Warning: the reconstructions are worse than predicting each "
                    + "feature's mean (fvu %.3g > 1); a lower --lr or a weaker penalty may help.", report.fvu()));
        }
        if (!history.epochs().isEmpty()) {
            double first = history.epochs().get(0).loss();
            double last = history.last().loss();
            if (!Double.isFinite(last) || (Double.isFinite(first) && last > RISE * first && last > 0)) {
                out.add(String.format(Locale.ROOT, "Warning: the training loss ended at %.4g, far above the %.4g of "
                        + "the first epoch, so training diverged; try a lower --lr.", last, first));
            }
        }
        return out;
    }

    static void print(PrintWriter w, History history, EvalReport report, String noun) {
        for (String warning : of(history, report, noun)) {
            w.println(warning);
        }
    }
}
