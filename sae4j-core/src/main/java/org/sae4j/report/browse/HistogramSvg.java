package org.sae4j.report.browse;

import org.sae4j.eval.latents.LatentProfiles;

/**
 * A latent's activation histogram as inline SVG (no image file, no script): one bar per bin from 0 to just above
 * the maximum, each bar with its exact range and count as a tooltip and as data attributes ({@code data-low},
 * {@code data-high}: the edges the counts were made with), axis labels at both ends and in the middle.
 */
final class HistogramSvg {
    static final int WIDTH = 560;
    static final int HEIGHT = 150;
    private static final int PAD = 28;

    private HistogramSvg() {
    }

    static void append(StringBuilder h, LatentProfiles.Histogram hist) {
        long[] c = hist.counts();
        int shown = c.length;
        long top = 1;
        for (int b = 0; b < shown; b++) {
            top = Math.max(top, c[b]);
        }
        double barW = (WIDTH - 2.0 * PAD) / shown;
        double plotH = HEIGHT - 2.0 * PAD;
        h.append("<svg class=\"hist\" data-range=\"").append(hist.range()).append("\" data-bins=\"").append(c.length)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"histogram of the activations\">\n");
        h.append("<line x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD).append("\" x2=\"").append(WIDTH - PAD)
                .append("\" y2=\"").append(HEIGHT - PAD).append("\" stroke=\"#888\"/>\n");
        for (int b = 0; b < shown; b++) {
            double bh = c[b] == 0 ? 0 : Math.max(1, plotH * c[b] / top);
            h.append("<rect class=\"bin\" data-count=\"").append(c[b]).append("\" data-low=\"").append(hist.low(b))
                    .append("\" data-high=\"").append(hist.high(b)).append("\" x=\"").append(fmt(PAD + b * barW))
                    .append("\" y=\"").append(fmt(HEIGHT - PAD - bh)).append("\" width=\"").append(fmt(Math.max(1, barW - 1)))
                    .append("\" height=\"").append(fmt(bh)).append("\"><title>").append(Text.num(hist.low(b))).append(" to ")
                    .append(Text.num(hist.high(b))).append(": ").append(Text.count(c[b])).append("</title></rect>\n");
        }
        text(h, PAD, HEIGHT - 8, "start", "0");
        text(h, WIDTH / 2.0, HEIGHT - 8, "middle", Text.num(hist.range() / 2));
        text(h, WIDTH - PAD, HEIGHT - 8, "end", Text.num(hist.range()));
        text(h, PAD, 14, "start", Text.count(top) + " per bin at most");
        h.append("</svg>\n");
    }

    private static void text(StringBuilder h, double x, double y, String anchor, String s) {
        h.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"").append(anchor)
                .append("\">").append(Text.esc(s)).append("</text>\n");
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
