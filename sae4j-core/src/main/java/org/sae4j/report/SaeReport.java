package org.sae4j.report;

import static org.sae4j.report.FeatureBrowser.fmt;
import static org.sae4j.report.HtmlReport.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.eval.DensityHistogram;
import org.sae4j.eval.ReconstructionMetrics;
import org.sae4j.eval.SparsityMetrics;
import org.sae4j.io.AtomicFiles;
import org.sae4j.model.History;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.report.browse.BrowseData;
import org.sae4j.report.browse.BrowseSite;
import org.sae4j.report.browse.Browser;

/**
 * A one-page HTML report of a dictionary-learning SAE on some data: what it is, how well it reconstructs, how
 * often its latents fire, how training went, and a feature browser of its most frequent, least frequent and
 * randomly chosen latents, linked into the full feature browser written beside it ({@code browser/}). Like
 * {@link HtmlReport} the folder is self-contained (index.html, PNGs by relative path, inline CSS, no JavaScript on
 * the report page, no external URLs). The metrics come from one streaming pass ({@link LatentScan}), the browser
 * from its own ({@code eval.latents}).
 */
public final class SaeReport {
    public static final String INDEX = HtmlReport.INDEX;
    public static final String DENSITY = "feature-density.png";
    public static final String LOSS = HtmlReport.LOSS;
    public static final String L0 = HtmlReport.L0;
    public static final String EXPLAINED_VARIANCE = "training-explained-variance.png";
    /** Bins of the feature-density histogram over [log10(1/N), 0]. */
    static final int DENSITY_BINS = 40;

    /**
     * What to show.
     *
     * @param latents   latents per feature-browser section
     * @param topInputs top-activating inputs per latent
     * @param seed      seed of the random sample of latents
     * @param title     the page title, e.g. the model file name
     */
    public record Options(int latents, int topInputs, long seed, String title) {
        public Options {
            if (latents <= 0) {
                throw new InvalidInputException("Latents is " + latents + "; expected a positive number of latents per section.");
            }
            if (topInputs <= 0) {
                throw new InvalidInputException("Top inputs is " + topInputs + "; expected a positive number of inputs per latent.");
            }
            title = title == null || title.isBlank() ? "model" : title;
        }

        public static Options defaults(String title) {
            return new Options(16, 8, 0, title);
        }
    }

    private SaeReport() {
    }

    /**
     * Evaluates {@code model} on raw {@code data} (its normaliser is applied), writes {@code dir/index.html},
     * its figures and {@code dir/latents/*.png}, each atomically, and returns the path of index.html.
     */
    public static Path write(SparseAutoencoder model, Dataset data, Path dir, Options options) throws IOException {
        Headless.ensure();
        Dataset x = model.prepare(data);
        if (x.rows() == 0) {
            throw new InvalidInputException("Data '" + data.name() + "' has no samples; the report needs at least one.");
        }
        LatentScan scan = LatentScan.run(model, x);
        LatentSelection pick = LatentSelection.of(scan.sparsity().firingCounts(), options.latents(), options.seed());
        Files.createDirectories(dir);
        removeOldLatentImages(dir);
        // The full browser, beside the report: the cards below summarise the selected latents and link into it.
        BrowseData browse = Browser.measure(model, data.asRows(), null, null,
                ProfileOptions.defaults().withTop(options.topInputs()), options.title(), data.name());
        BrowseSite.write(browse, dir.resolve(FeatureBrowser.FOLDER), 0);

        StringBuilder h = new StringBuilder();
        head(h, options.title());
        h.append("<h1>sae4j report: ").append(esc(options.title())).append("</h1>\n");
        h.append("<p>A ").append(esc(model.describe())).append(" evaluated on '").append(esc(data.name()))
                .append("' (").append(x.rows()).append(" samples &times; ").append(x.cols())
                .append(" features). All values are in the model's normalised input units.</p>\n");
        modelTable(h, model);
        metricsTable(h, model, scan.reconstruction(), scan.sparsity());

        h.append("<h2>Feature density</h2>\n");
        DensityHistogram density = scan.sparsity().histogram(DENSITY_BINS);
        Charts.writePng(SaeCharts.density(density), dir.resolve(DENSITY));
        chart(h, DENSITY, "How often each latent fires: latents binned by log10 of the fraction of the "
                + x.rows() + " inputs it fires on (0 is every input, " + fmt("%.1f", -Math.log10(x.rows()))
                + " is once). " + density.alive() + " latents are alive; " + density.dead() + " never fired on "
                + "this data and, having no log, are counted here rather than drawn. A bump far to the left is "
                + "ultra-rare latents; a bump near 0 is dense latents that fire on almost everything.");

        trainingCurves(h, model.history(), dir);

        h.append("<h2 id=\"feature-browser\">Feature browser</h2>\n<p>Every latent that fires has a page in the <a href=\"")
                .append(FeatureBrowser.FOLDER).append("/index.html\">feature browser</a> (sortable, searchable; the same "
                        + "site sae4j browse writes). Below, a few latents with their density, largest activation")
                .append(FeatureBrowser.isImageShaped(model.inputSize()) ? ", decoder direction (the pattern it adds to a "
                        + "reconstruction) and top " + options.topInputs() + " inputs as tiles labelled with the latent id"
                        : "").append(", each linked to its page.</p>\n");
        FeatureBrowser browser = new FeatureBrowser(browse.profiles(), dir, FeatureBrowser.isImageShaped(model.inputSize()));
        browser.section(h, "most-frequent", "Most frequent latents", "The " + pick.mostFrequent().length
                + " latents that fire on the most inputs, most frequent first.", pick.mostFrequent());
        browser.section(h, "least-frequent", "Least frequent latents", "The " + pick.leastFrequent().length
                + " latents that fire on the fewest inputs (at least one), rarest first; latents already shown "
                + "as most frequent are left out. Rare latents saw little training, so expect noisier pictures.",
                pick.leastFrequent());
        browser.section(h, "random", "Random latents", "A random sample of " + pick.random().length
                + " alive latents (seed " + options.seed() + "), by id: what a typical latent looks like.",
                pick.random());

        h.append("<p><small>Written by sae4j.</small></p>\n</body>\n</html>\n");
        Path index = dir.resolve(INDEX);
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(index, out -> out.write(bytes));
        return index;
    }

    private static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sae4j report: ")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:75em;margin:1em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;"
                        + "text-align:left}caption{text-align:left;color:#444}\n")
                .append("td.n{text-align:right;font-family:monospace}figure{margin:.5em 1em .5em 0}"
                        + "figcaption{max-width:60em;color:#444;font-size:90%}\n")
                .append("img.tiles{image-rendering:pixelated;border:1px solid #999}\n")
                .append("article.latent{border-top:1px solid #ddd;padding:.5em 0}article.latent h4{margin:.3em 0}\n")
                .append("div.row{display:flex;flex-wrap:wrap;align-items:flex-start}div.row figcaption{max-width:20em}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    private static void modelTable(StringBuilder h, SparseAutoencoder model) {
        h.append("<h2>Model</h2>\n<table>\n");
        row(h, "architecture", model.describe());
        row(h, "objective", model.describeObjective());
        row(h, "input size (d_in)", Integer.toString(model.inputSize()));
        row(h, "latents (width)", Integer.toString(model.latentSize()));
        row(h, "input scaling", model.normalizer().kind().name().toLowerCase(Locale.ROOT));
        row(h, "b_dec subtracted from the input", Boolean.toString(model.config().applyBDecToInput()));
        row(h, "epochs trained", Integer.toString(model.history().epochs().size()));
        row(h, "seed", Long.toString(model.config().seed()));
        h.append("</table>\n");
    }

    private static void metricsTable(StringBuilder h, SparseAutoencoder model, ReconstructionMetrics r, SparsityMetrics s) {
        h.append("<h2>Metrics</h2>\n<table id=\"metrics\">\n");
        num(h, "MSE per element", fmt("%.6f", r.mse()));
        num(h, "explained variance (about the per-dimension mean)", fmt("%.4f", r.explainedVariance()));
        num(h, "L0 (latents firing per sample)", fmt("%.2f of %d", s.l0(), model.latentSize()));
        num(h, "dead latents (never fired on this data)", fmt("%.2f%% (%d of %d)", 100 * s.deadFraction(),
                s.deadCount(), model.latentSize()));
        num(h, "cosine similarity of x and x&#770;", fmt("%.4f", r.cosineSimilarity()));
        num(h, "l2 ratio &#8214;x&#770;&#8214; / &#8214;x&#8214;", fmt("%.4f", r.l2Ratio()));
        h.append("</table>\n");
    }

    private static void trainingCurves(StringBuilder h, History history, Path dir) throws IOException {
        h.append("<h2>Training</h2>\n");
        if (history.epochs().isEmpty()) {
            h.append("<p>This model has no training history (it was saved without one), so there are no curves.</p>\n");
            return;
        }
        Charts.writePng(Charts.losses(history), dir.resolve(LOSS));
        chart(h, LOSS, "Loss per epoch: the whole objective (reconstruction plus sparsity and auxiliary terms) and "
                + "the reconstruction MSE on the training rows" + (Charts.hasValidation(history)
                ? ", and on the held-out validation rows." : "; no validation split was used."));
        Charts.writePng(Charts.l0(history), dir.resolve(L0));
        chart(h, L0, "L0, the mean number of latents firing per sample, per epoch: lower is sparser.");
        Charts.writePng(SaeCharts.explainedVariance(history), dir.resolve(EXPLAINED_VARIANCE));
        chart(h, EXPLAINED_VARIANCE, "Explained variance of the training batches per epoch (a running estimate; "
                + "the metrics above are exact on this data) and the fraction of latents the trainer counted dead.");
    }

    // Reports before the browser kept per-latent images in latents/; the browser folder replaces them.
    private static void removeOldLatentImages(Path dir) throws IOException {
        Path folder = dir.resolve("latents");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "latent-*.png")) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        }
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(folder)) {
            if (!rest.iterator().hasNext()) {
                Files.delete(folder);
            }
        }
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    /** {@code name} and {@code html} are already HTML (fixed text and numbers). */
    private static void num(StringBuilder h, String name, String html) {
        h.append("<tr><th>").append(name).append("</th><td class=\"n\">").append(html).append("</td></tr>\n");
    }

    private static void chart(StringBuilder h, String file, String caption) {
        h.append("<figure><img src=\"").append(file).append("\" width=\"").append(Charts.WIDTH).append("\" height=\"")
                .append(Charts.HEIGHT).append("\" alt=\"").append(esc(caption)).append("\">\n<figcaption>")
                .append(esc(caption)).append("</figcaption></figure>\n");
    }
}
