package org.sae4j.report;

import org.sae4j.eval.latents.TopActivations;

import static org.sae4j.report.HtmlReport.esc;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.sae4j.data.Dataset;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * The feature browser of the SAE report: one card per selected latent with its density, activation histogram
 * and top-activating inputs, plus for image-shaped inputs its decoder direction and the inputs as labelled
 * tiles, and for other inputs the same as numbers. Each latent's PNGs are written once into {@value #FOLDER}
 * even when it appears in several sections.
 */
final class FeatureBrowser {
    /** Sub-folder of the report for the per-latent images, so the main figures stay easy to find. */
    static final String FOLDER = "latents";
    /** Decoder weights listed per latent for inputs that are not images. */
    static final int DECODER_WEIGHTS = 10;

    private final SparseAutoencoder model;
    private final Dataset x;
    private final LatentScan scan;
    private final Path dir;
    private final boolean images;
    private final float displayLow;
    private final float displaySpan;
    private final Set<Integer> written = new HashSet<>();

    /** {@code x} is the normalised data the scan ran on; its value range maps onto black..white for tiles. */
    FeatureBrowser(SparseAutoencoder model, Dataset x, LatentScan scan, Path dir) {
        this.model = model;
        this.x = x;
        this.scan = scan;
        this.dir = dir;
        this.images = isImageShaped(model.inputSize());
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : x.values()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        displayLow = lo;
        displaySpan = hi > lo ? hi - lo : 1;
    }

    /** Square inputs of at least 4×4 are drawn as pictures; anything else is listed as numbers. */
    static boolean isImageShaped(int length) {
        return TileImage.isSquare(length) && length >= 16;
    }

    /** Appends one section: a heading, what it shows, and a card per latent. */
    void section(StringBuilder h, String id, String title, String intro, int[] latents) throws IOException {
        h.append("<section class=\"browser\" id=\"").append(id).append("\">\n<h3>").append(esc(title))
                .append("</h3>\n<p>").append(esc(intro)).append("</p>\n");
        if (latents.length == 0) {
            h.append("<p>No latent fired on this data, so there is nothing to show.</p>\n");
        }
        for (int latent : latents) {
            card(h, id, latent);
        }
        h.append("</section>\n");
    }

    private void card(StringBuilder h, String section, int latent) throws IOException {
        long fires = scan.sparsity().firingCounts()[latent];
        long n = scan.sparsity().samples();
        ActivationHistograms.Histogram hist = scan.histograms().of(latent);
        TopActivations.Top top = scan.top().top(latent);
        String name = "Latent " + latent;
        h.append("<article class=\"latent\" id=\"").append(section).append("-latent-").append(latent)
                .append("\" data-latent=\"").append(latent).append("\">\n<h4>").append(name).append("</h4>\n");
        h.append("<p class=\"stats\">density <b>").append(esc(percent((double) fires / n))).append("</b> (fires on ")
                .append(fires).append(" of ").append(n).append(" inputs, log10 ")
                .append(fmt("%.2f", Math.log10((double) fires / n))).append("), largest activation ")
                .append(fmt("%.4g", hist.max())).append("</p>\n<div class=\"row\">\n");

        String histFile = FOLDER + "/latent-" + latent + "-activations.png";
        String decFile = FOLDER + "/latent-" + latent + "-decoder.png";
        String topFile = FOLDER + "/latent-" + latent + "-top.png";
        boolean first = written.add(latent);
        if (first) {
            Charts.writePng(SaeCharts.activations(hist, latent), dir.resolve(histFile));
        }
        img(h, histFile, "", SaeCharts.SMALL_WIDTH, SaeCharts.SMALL_HEIGHT,
                name + ": histogram of its activations on the " + fires + (fires == 1 ? " input" : " inputs")
                        + " it fires on");
        float[] row = decoderRow(latent);
        if (images) {
            BufferedImage dec = LatentImages.decoderDirection(row, latent);
            if (first) {
                TileImage.writePng(dec, dir.resolve(decFile));
            }
            img(h, decFile, "tiles", dec.getWidth(), dec.getHeight(),
                    name + ": decoder direction (red adds to the reconstruction, blue removes, white is zero)");
            h.append("</div>\n");
            BufferedImage tiles = LatentImages.topInputs(displayRows(top), top.values(), latent);
            if (first) {
                TileImage.writePng(tiles, dir.resolve(topFile));
            }
            img(h, topFile, "tiles", tiles.getWidth(), tiles.getHeight(), name + ": its top " + top.count()
                    + " inputs, largest activation first, each tile labelled #" + latent + " and its activation: "
                    + listTop(top));
        } else {
            h.append("</div>\n");
            topTable(h, name, top);
            weightTable(h, name, row);
        }
        h.append("</article>\n");
    }

    private float[] decoderRow(int latent) {
        int d = model.inputSize();
        float[] row = new float[d];
        System.arraycopy(model.decoderWeight().value(), latent * d, row, 0, d);
        return row;
    }

    /** The top rows in display units: the data's own range mapped onto 0..1, the same map for every tile. */
    private float[][] displayRows(TopActivations.Top top) {
        int d = x.cols();
        float[][] rows = new float[top.count()][d];
        for (int t = 0; t < top.count(); t++) {
            int r = Math.toIntExact(top.rows()[t]);
            for (int j = 0; j < d; j++) {
                rows[t][j] = (x.values()[r * d + j] - displayLow) / displaySpan;
            }
        }
        return rows;
    }

    private String listTop(TopActivations.Top top) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < top.count(); t++) {
            sb.append(t == 0 ? "" : ", ").append("input ").append(top.rows()[t]).append(labelOf(top.rows()[t], " "))
                    .append(" (").append(fmt("%.4g", top.values()[t])).append(")");
        }
        return sb.append('.').toString();
    }

    private String labelOf(long row, String prefix) {
        return x.labels() == null ? "" : prefix + "label " + x.labels()[Math.toIntExact(row)];
    }

    private void topTable(StringBuilder h, String name, TopActivations.Top top) {
        h.append("<table class=\"top\"><caption>").append(name).append(": top ").append(top.count())
                .append(" inputs</caption>\n<tr><th>rank</th><th>input row</th>")
                .append(x.labels() == null ? "" : "<th>label</th>").append("<th>activation</th></tr>\n");
        for (int t = 0; t < top.count(); t++) {
            h.append("<tr><td class=\"n\">").append(t + 1).append("</td><td class=\"n\">").append(top.rows()[t])
                    .append("</td>");
            if (x.labels() != null) {
                h.append("<td class=\"n\">").append(x.labels()[Math.toIntExact(top.rows()[t])]).append("</td>");
            }
            h.append("<td class=\"n\">").append(fmt("%.5g", top.values()[t])).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** The decoder row's largest entries by |value|: the input dimensions this latent writes to most. */
    private static void weightTable(StringBuilder h, String name, float[] row) {
        Integer[] order = new Integer[row.length];
        for (int j = 0; j < row.length; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Float.compare(Math.abs(row[b]), Math.abs(row[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int m = Math.min(DECODER_WEIGHTS, row.length);
        h.append("<table class=\"weights\"><caption>").append(name).append(": largest ").append(m)
                .append(" decoder weights by |value|</caption>\n<tr><th>dimension</th><th>weight</th></tr>\n");
        for (int i = 0; i < m; i++) {
            h.append("<tr><td class=\"n\">").append(order[i]).append("</td><td class=\"n\">")
                    .append(fmt("%+.5f", row[order[i]])).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void img(StringBuilder h, String file, String cls, int w, int ht, String text) {
        h.append("<figure><img").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append(" src=\"").append(file)
                .append("\" width=\"").append(w).append("\" height=\"").append(ht).append("\" alt=\"").append(esc(text))
                .append("\">\n<figcaption>").append(esc(text)).append("</figcaption></figure>\n");
    }

    static String percent(double fraction) {
        return fraction > 0 && fraction < 0.0001 ? "<0.01%" : fmt("%.2f%%", 100 * fraction);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
