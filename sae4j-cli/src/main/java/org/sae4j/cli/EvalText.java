package org.sae4j.cli;

import java.util.Locale;
import org.sae4j.eval.DensityHistogram;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.groundtruth.GroundTruthReport;
import org.sae4j.eval.probe.ProbeReport;
import org.sae4j.model.Model;

/** The text form of {@code eval} and of the training summary: one figure a line, named as its definition. */
final class EvalText {
    /** Characters of the longest bar in the density histogram. */
    private static final int BAR = 30;

    private EvalText() {
    }

    /**
     * The metrics, the MSE labelled with its {@code units} (a model trained with a scaling reports it in scaled units,
     * its SAELens export in raw ones: side by side, unlabelled, they mislead) and the dead fraction with {@code deadNote}
     * (on a few thousand rows, a latent that fires once in 10,000 looks dead); either may be null. {@code noun} names
     * what L0 counts: "latents" for an SAE, "code units" for a deep autoencoder ({@link #noun}).
     */
    static String metrics(EvalReport r, String units, String deadNote, String noun) {
        StringBuilder sb = new StringBuilder();
        line(sb, "mse per value", units == null ? "%.6f" : "%.6f  (" + units + ")", r.mse());
        line(sb, "fvu", "%.4f", r.fvu());
        line(sb, "explained variance", "%.4f", r.explainedVariance());
        line(sb, "cosine similarity", "%.4f", r.cosineSimilarity());
        line(sb, "l2 ratio", "%.4f", r.l2Ratio());
        line(sb, "relative reconstruction bias", "%.4f", r.relativeReconstructionBias());
        line(sb, "shrinkage (about " + r.shrinkageCentre() + ")", "%.4f", r.shrinkage());
        line(sb, "L0", "%.2f of %d " + noun + " (active: |a| > %s)", r.l0(), r.codeSize(), r.threshold());
        line(sb, noun.equals("latents") ? "dead latents" : "dead units", deadNote == null ? "%.1f%%" : "%.1f%% " + deadNote.replace("%", "%%"), 100 * r.deadFraction());
        line(sb, "mean activation", "%.5f", r.overallMeanActivation());
        return sb.append(histogram(r.histogram())).toString();
    }

    /** What a model's code is made of, in the project's words: an SAE's latents, an autoencoder's code units. */
    static String noun(Model m) {
        return m.traits().dictionary() ? "latents" : "code units";
    }

    /** The units a model's MSE is in: those of the scaling it applies to its inputs (none: the data's own). */
    static String units(Model m) {
        return switch (m.normalizer().kind()) {
            case NONE -> "raw units";
            case MIN_MAX -> "units of the minmax scaling";
            case STANDARDIZE -> "standardized units";
            case MEAN_NORM -> "units of the mean-norm scaling";
        };
    }

    /** The training summary's note beside its dead fraction: measured on few rows, and the training's own count. */
    static String deadNote(long rows, org.sae4j.model.History history) {
        String note = String.format(Locale.ROOT, "did not fire on these %,d rows", rows);
        return history.epochs().isEmpty() ? note : note + String.format(Locale.ROOT, " (%.1f%% by the training's "
                + "count of latents idle for --dead-after samples)", 100 * history.last().deadFraction());
    }

    /** The alive latents' log10 densities as a bar per bin, longest bar {@value #BAR} characters. */
    static String histogram(DensityHistogram h) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "  density histogram (log10 firing frequency; %d alive, %d dead):%n", h.alive(), h.dead()));
        long most = 1;
        for (long c : h.counts()) {
            most = Math.max(most, c);
        }
        for (int b = 0; b < h.bins(); b++) {
            long c = h.counts()[b];
            // Any non-empty bin shows at least one mark, so a lone latent is not lost to rounding.
            int len = c == 0 ? 0 : (int) Math.max(1, Math.round((double) BAR * c / most));
            sb.append(String.format(Locale.ROOT, "    [%6.2f, %5.2f%s %-" + BAR + "s %d%n", h.edges()[b],
                    h.edges()[b + 1], b == h.bins() - 1 ? "]" : ")", "#".repeat(len), c));
        }
        return sb.toString();
    }

    /** Probe accuracies on the held-out split, latents beside raw inputs. */
    static String probe(ProbeReport p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "  probe accuracy (logistic regression, %d classes; trained on %d rows, tested on %d; seed %d):%n",
                p.classes(), p.trainRows(), p.testRows(), p.seed()));
        line(sb, "all latents", "%.4f   (raw inputs %.4f)", p.latentAccuracy(), p.rawAccuracy());
        for (int i = 0; i < p.ks().length; i++) {
            line(sb, "top-" + p.ks()[i] + " latents", "%.4f   (top-%d inputs %.4f)", p.latentSparse()[i], p.ks()[i],
                    p.rawSparse()[i]);
        }
        line(sb, "top latents", "%s", java.util.Arrays.toString(p.topLatents()));
        return sb.toString();
    }

    /** Dictionary recovery against the synthetic data's true features; {@code skipped} says why there is none. */
    static String groundTruth(GroundTruthReport g, String skipped) {
        if (g == null) {
            return String.format("  ground truth      %s%n", skipped);
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "  ground truth (%d true features, %d latents, %d alive; detection at cos >= %s):%n",
                g.trueFeatures(), g.latents(), g.aliveLatents(), g.threshold()));
        line(sb, "mmcs", "%.4f", g.mmcs());
        line(sb, "mcc", "%.4f", g.mcc());
        line(sb, "uniqueness", "%.4f", g.uniqueness());
        line(sb, "precision", "%.4f", g.precision());
        line(sb, "recall", "%.4f", g.recall());
        line(sb, "f1", "%.4f", g.f1());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String format, Object... args) {
        sb.append(line(name, String.format(Locale.ROOT, format, args)));
    }

    /** One labelled line of a metrics block; train's summary uses it too, so the columns line up. */
    static String line(String name, String value) {
        return String.format(Locale.ROOT, "  %-30s %s%n", name, value);
    }
}
