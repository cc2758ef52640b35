package org.sae4j.report;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sae4j.eval.DensityHistogram;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;

/** The charts of the SAE report that the classic report has no use for, in {@link Charts}' style. */
public final class SaeCharts {
    private static final Color BARS = new Color(70, 110, 170);

    private SaeCharts() {
    }

    /** Alive latents by log10 feature density; the dead ones, which have no log, are named in the title. */
    public static XYChart density(DensityHistogram h) {
        String title = "Feature density" + (h.dead() == 0 ? "" : " (" + h.dead() + " dead latents not shown)");
        XYChart chart = Charts.base(title, "log10(fraction of inputs the latent fires on)", "latents",
                Charts.WIDTH, Charts.HEIGHT);
        double[] counts = new double[h.bins()];
        for (int b = 0; b < counts.length; b++) {
            counts[b] = h.counts()[b];
        }
        bars(chart, "latents", h.edges(), counts);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0");
        return chart;
    }

    /** Explained variance and the dead fraction per epoch: both fractions, so one axis serves. */
    public static XYChart explainedVariance(History history) {
        XYChart chart = Charts.base("Explained variance and dead latents", "epoch", "fraction",
                Charts.WIDTH, Charts.HEIGHT);
        Charts.addFinite(chart, "explained variance", history, EpochStats::explainedVariance);
        Charts.addFinite(chart, "dead fraction", history, EpochStats::deadFraction);
        return chart;
    }

    /** A histogram as one filled outline: up the left edge of each bin, across, and down after the last. */
    private static void bars(XYChart chart, String name, double[] edges, double[] counts) {
        int bins = counts.length;
        double[] x = new double[2 * bins + 2];
        double[] y = new double[x.length];
        x[0] = edges[0];
        for (int b = 0; b < bins; b++) {
            x[1 + 2 * b] = edges[b];
            y[1 + 2 * b] = counts[b];
            x[2 + 2 * b] = edges[b + 1];
            y[2 + 2 * b] = counts[b];
        }
        x[x.length - 1] = edges[bins];
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(BARS);
        s.setFillColor(BARS);
        chart.getStyler().setLegendVisible(false);
    }
}
