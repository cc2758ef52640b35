package org.sae4j.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.io.AtomicFiles;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.ModelConfig;
import org.sae4j.model.History;

/**
 * A one-page HTML report of a model on some data: its shape and settings, its metrics, and pictures of what
 * it learned. The folder is self-contained (index.html plus PNGs referenced by relative paths, inline CSS,
 * no JavaScript, no external URLs) so it can be zipped, mailed or opened from a CI artifact as is.
 */
public final class HtmlReport {
    public static final String INDEX = "index.html";
    public static final String RECONSTRUCTIONS = "reconstructions.png";
    public static final String DECODINGS = "code-unit-decodings.png";
    public static final String FILTERS = "first-layer-filters.png";
    public static final String LOSS = "training-loss.png";
    public static final String L0 = "training-l0.png";
    public static final String MEAN_ACTIVATION = "mean-activation.png";

    /**
     * What to draw.
     *
     * @param units   at most this many filters and code-unit decodings
     * @param samples at most this many inputs and their reconstructions
     * @param title   shown as the page title, e.g. the model file name
     */
    public record Options(int units, int samples, String title) {
        public Options {
            if (units <= 0) {
                throw new InvalidInputException("Units is " + units + "; expected a positive number of units to draw.");
            }
            if (samples <= 0) {
                throw new InvalidInputException("Samples is " + samples + "; expected a positive number of samples to draw.");
            }
            title = title == null || title.isBlank() ? "model" : title;
        }

        public static Options defaults(String title) {
            return new Options(64, 16, title);
        }
    }

    private HtmlReport() {
    }

    /**
     * Evaluates {@code model} on raw {@code data} (its normaliser is applied), writes {@code dir/index.html}
     * and its PNGs, each atomically, and returns the path of index.html.
     */
    public static Path write(Autoencoder model, Dataset data, Path dir, Options options) throws IOException {
        Headless.ensure();
        Dataset x = model.prepare(data);
        if (x.rows() == 0) {
            throw new InvalidInputException("Data '" + data.name() + "' has no samples; the report needs at least one.");
        }
        ModelConfig c = model.config();
        EvalReport metrics = Metrics.evaluateNormalized(model, x, null);
        UnitStats codeStats = FeatureImages.codeStats(model, x.values(), x.rows(), metrics.threshold());
        UnitStats firstStats = FeatureImages.firstLayerStats(model, x.values(), x.rows());
        int scale = scaleFor(c.inputSize());

        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sae4j report: ")
                .append(esc(options.title())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}\n")
                .append("td.n{text-align:right;font-family:monospace}figure{margin:1em 0}figcaption{max-width:60em;color:#444}\n")
                .append("img.tiles{image-rendering:pixelated;border:1px solid #999}\n</style>\n</head>\n<body>\n");
        h.append("<h1>sae4j report: ").append(esc(options.title())).append("</h1>\n");
        h.append("<p>A ").append(esc(c.describeShape())).append(" autoencoder evaluated on '")
                .append(esc(data.name())).append("' (").append(x.rows()).append(" samples &times; ")
                .append(x.cols()).append(" features). All values are in the model's normalised input units.</p>\n");

        h.append("<h2>Model</h2>\n<table>\n");
        row(h, "shape", c.describeShape());
        row(h, "activations", "hidden " + c.hiddenActivation().id() + ", code " + c.codeActivation().id()
                + ", output " + c.outputActivation().id());
        row(h, "loss", c.loss().id());
        row(h, "penalties", penalties(c));
        row(h, "input scaling", model.normalizer().kind().name().toLowerCase(Locale.ROOT));
        row(h, "epochs trained", Integer.toString(model.history().epochs().size()));
        row(h, "seed", Long.toString(c.seed()));
        h.append("</table>\n");

        h.append("<h2>Metrics</h2>\n<table>\n");
        num(h, "mse per value", fmt("%.6f", metrics.mse()));
        num(h, "fvu (fraction of variance unexplained)", fmt("%.4f", metrics.fvu()));
        num(h, "L0 (active code units per sample)", fmt("%.2f of %d (active: |a| &gt; %s)", metrics.l0(),
                metrics.codeSize(), metrics.threshold()));
        num(h, "dead code units", fmt("%.1f%%", 100 * metrics.deadFraction()));
        num(h, "mean activation", fmt("%.5f", metrics.overallMeanActivation()));
        h.append("</table>\n");

        ReconstructionImages.Pairs pairs = ReconstructionImages.pairs(model, x.values(), x.rows(), options.samples());
        BufferedImage recon = ReconstructionImages.render(pairs, scale);
        TileImage.writePng(recon, dir.resolve(RECONSTRUCTIONS));
        h.append("<h2>Reconstructions</h2>\n");
        figure(h, RECONSTRUCTIONS, recon, "Inputs and reconstructions",
                (TileImage.isSquare(c.inputSize())
                        ? "Top row: the first " + pairs.samples() + " inputs; bottom row: the model's reconstruction of each, "
                        : "Each row is one of the first " + pairs.samples() + " samples drawn as a strip; left: input, "
                        + "right: the model's reconstruction; ")
                        + "black is 0 and white 1 (values outside are clamped)"
                        + (pairs.rescaled() ? ", after mapping each input's own range to 0..1 (the same map for its "
                        + "reconstruction), since the normalised inputs are not in [0, 1]." : ".")
                        + " Detail missing from a reconstruction is what the code does not keep.");

        FeatureImages.UnitVectors dec = FeatureImages.codeDecodings(model, codeStats, options.units());
        h.append("<h2>What each code unit adds</h2>\n");
        String deadNote = dec.skippedDead() == 0 ? "No code unit is dead on this data."
                : dec.skippedDead() + " of " + dec.totalUnits() + " code units are dead on this data (never active) "
                + "and are not shown.";
        if (dec.count() > 0) {
            BufferedImage img = TileImage.render(dec.vectors(), TileImage.Mode.SIGNED, scale);
            TileImage.writePng(img, dir.resolve(DECODINGS));
            figure(h, DECODINGS, img, "Code unit decodings",
                    "Tile k shows decode(code with only one unit at a typical high activation, its 99th percentile "
                    + "of |a| over the data) minus decode(all-zero code): what that unit adds to a reconstruction. "
                    + "Mid-gray is no change, white adds and black removes, each tile scaled to its own largest "
                    + "change. Most used units first; unit (share of samples where it is active): "
                    + list(dec.units(), codeStats) + ". Tiles of rarely active units stay noisy: they saw little training. "
                    + deadNote);
        } else {
            h.append("<p>").append(esc(deadNote)).append(" There is nothing to draw.</p>\n");
        }

        FeatureImages.UnitVectors filters = FeatureImages.firstLayerFilters(model, firstStats, options.units());
        BufferedImage fimg = TileImage.render(filters.vectors(), TileImage.Mode.SIGNED, scale);
        TileImage.writePng(fimg, dir.resolve(FILTERS));
        h.append("<h2>First-layer filters</h2>\n");
        figure(h, FILTERS, fimg, "First-layer filters",
                "The incoming weights of " + filters.count() + " of the " + filters.totalUnits() + " units of the "
                + "first encoder layer: the input pattern each responds to most. White is a positive weight, black "
                + "a negative one, mid-gray zero, each tile scaled to its own largest |weight|. Most often active "
                + "units first; unit (share of samples where it is active): " + list(filters.units(), firstStats) + "."
                + (c.encoderUnits().length == 1 ? " Here the first layer is the code layer."
                : " In this deep model these are hidden units, not code units; the decodings above show the code."));

        h.append("<h2>Code unit usage</h2>\n");
        XYChart usage = Charts.meanActivation(metrics.meanActivation());
        Charts.writePng(usage, dir.resolve(MEAN_ACTIVATION));
        chartFigure(h, MEAN_ACTIVATION, "Mean activation of every code unit on this data, largest first. A "
                + "steep start and a long tail near 0 means a few units do most of the work and the rest are rare or dead.");

        h.append("<h2>Training</h2>\n");
        History history = model.history();
        if (history.epochs().isEmpty()) {
            h.append("<p>This model has no training history (it was saved without one), so there are no curves.</p>\n");
        } else {
            Charts.writePng(Charts.losses(history), dir.resolve(LOSS));
            chartFigure(h, LOSS, "Loss per epoch: the total objective (reconstruction plus penalties) and the "
                    + "reconstruction loss on the training rows"
                    + (Charts.hasValidation(history) ? ", and on the held-out validation rows; a validation curve "
                    + "rising while training falls means overfitting." : "; no validation split was used."));
            Charts.writePng(Charts.l0(history), dir.resolve(L0));
            chartFigure(h, L0, "L0, the mean number of active code units per sample, per epoch: lower is sparser.");
        }
        h.append("<p><small>Written by sae4j.</small></p>\n</body>\n</html>\n");

        Path index = dir.resolve(INDEX);
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(index, out -> out.write(bytes));
        return index;
    }

    /** Pixel scale so tiles are readable: about 56 px for square tiles, a few hundred px for strips. */
    static int scaleFor(int length) {
        int[] hw = TileImage.shapeFor(length);
        int side = TileImage.isSquare(length) ? hw[0] : hw[1];
        int target = TileImage.isSquare(length) ? 56 : 480;
        return Math.max(2, Math.min(24, target / side));
    }

    /** HTML-escapes text for element content and quoted attributes. */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static String penalties(ModelConfig c) {
        StringBuilder sb = new StringBuilder();
        if (c.kl() != null) {
            sb.append("KL sparsity rho=").append(c.kl().rho()).append(" beta=").append(c.kl().beta()).append("; ");
        }
        if (c.l1Activity() > 0) {
            sb.append("L1 activity ").append(c.l1Activity()).append("; ");
        }
        if (c.l1Weights() > 0) {
            sb.append("L1 weights ").append(c.l1Weights()).append("; ");
        }
        if (c.l2Weights() > 0) {
            sb.append("L2 weights ").append(c.l2Weights()).append("; ");
        }
        return sb.length() == 0 ? "none" : sb.substring(0, sb.length() - 2);
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    /** {@code html} is already escaped (it is built from numbers and fixed text). */
    private static void num(StringBuilder h, String name, String html) {
        h.append("<tr><th>").append(esc(name)).append("</th><td class=\"n\">").append(html).append("</td></tr>\n");
    }

    private static void figure(StringBuilder h, String file, BufferedImage img, String alt, String caption) {
        h.append("<figure><img class=\"tiles\" src=\"").append(file).append("\" width=\"").append(img.getWidth())
                .append("\" height=\"").append(img.getHeight()).append("\" alt=\"").append(esc(alt))
                .append("\">\n<figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
    }

    private static void chartFigure(StringBuilder h, String file, String caption) {
        h.append("<figure><img src=\"").append(file).append("\" width=\"").append(Charts.WIDTH).append("\" height=\"")
                .append(Charts.HEIGHT).append("\" alt=\"").append(esc(caption)).append("\">\n<figcaption>")
                .append(esc(caption)).append("</figcaption></figure>\n");
    }

    private static String list(int[] units, UnitStats stats) {
        return IntStream.of(units).mapToObj(u -> u + " (" + percent(stats.activeFraction()[u]) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String percent(double fraction) {
        return fraction > 0 && fraction < 0.001 ? "<0.1%" : fmt("%.1f%%", 100 * fraction);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
