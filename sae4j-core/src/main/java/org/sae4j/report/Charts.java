package org.sae4j.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sae4j.io.AtomicFiles;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;

/** Line charts of training history and code-unit usage, drawn off-screen with XChart and saved as PNG. */
public final class Charts {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    static {
        Headless.ensure(); // XChart draws with AWT fonts; never let it look for a display
    }

    private Charts() {
    }

    /** Loss, reconstruction loss and (where recorded) validation reconstruction loss per epoch. */
    public static XYChart losses(History history) {
        XYChart chart = base("Training loss", "epoch", "loss");
        addFinite(chart, "loss (with penalties)", history, EpochStats::loss);
        addFinite(chart, "reconstruction", history, EpochStats::reconstruction);
        addFinite(chart, "validation reconstruction", history, EpochStats::validation);
        return chart;
    }

    /** L0, the mean number of active code units per sample, per epoch. */
    public static XYChart l0(History history) {
        XYChart chart = base("Sparsity during training", "epoch", "L0 (active code units per sample)");
        addFinite(chart, "L0", history, EpochStats::l0);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** Each code unit's mean activation, largest first: a long flat tail at 0 means dead or rare units. */
    public static XYChart meanActivation(float[] meanActivation) {
        float[] sorted = meanActivation.clone();
        Arrays.sort(sorted);
        double[] x = new double[sorted.length];
        double[] y = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            x[i] = i + 1;
            y[i] = sorted[sorted.length - 1 - i];
        }
        XYChart chart = base("Mean activation per code unit, sorted", "code units, most active first",
                "mean activation");
        XYSeries s = chart.addSeries("mean activation", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(sorted.length <= 64 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * The sparsity–reconstruction trade-off of a sweep: FVU and the fraction of active code units (L0 / code
     * size) against the swept value, on a log axis when every value is positive: how much reconstruction
     * each step of sparsity costs.
     */
    public static XYChart sweep(String name, double[] values, double[] fvu, double[] activeFraction) {
        XYChart chart = base("Reconstruction and sparsity over " + name, name, "fraction");
        chart.addSeries("FVU (fraction of variance unexplained)", values, fvu).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("L0 / code size (fraction of units active)", values, activeFraction)
                .setMarker(SeriesMarkers.DIAMOND);
        chart.getStyler().setXAxisLogarithmic(Arrays.stream(values).allMatch(v -> v > 0));
        chart.getStyler().setXAxisDecimalPattern("0.0#####");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return chart;
    }

    /** True when at least one epoch has a finite validation loss. */
    public static boolean hasValidation(History history) {
        return history.epochs().stream().anyMatch(e -> Double.isFinite(e.validation()));
    }

    /** Writes {@code chart} as a PNG atomically (temp file in the same folder, then rename). */
    public static void writePng(XYChart chart, Path file) throws IOException {
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        return base(title, xTitle, yTitle, WIDTH, HEIGHT);
    }

    /** An empty chart in the report's style, for the other chart makers of this package. */
    static XYChart base(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        // XChart's default pattern prints 0.04 as ".04"; keep the leading zero and enough digits for small losses.
        chart.getStyler().setYAxisDecimalPattern("0.0#####");
        return chart;
    }

    interface Field {
        double of(EpochStats e);
    }

    // NaN points (no validation split, or timings of a loaded model) are left out rather than drawn as gaps.
    static void addFinite(XYChart chart, String name, History history, Field field) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochStats e : history.epochs()) {
            double v = field.of(e);
            if (Double.isFinite(v)) {
                x.add((double) e.epoch());
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
