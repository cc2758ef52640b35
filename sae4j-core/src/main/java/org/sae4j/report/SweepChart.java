package org.sae4j.report;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A sweep's models as points of L0 against explained variance, with the Pareto front drawn and its knee marked. */
public final class SweepChart {
    private SweepChart() {
    }

    /** Model i is the point (l0[i], ev[i]); the knee is named by its place in the sweep. */
    public static XYChart tradeOff(String name, double[] l0, double[] ev) {
        XYChart chart = Charts.base("Sparsity against reconstruction over " + name, "L0 (active latents per sample)",
                "explained variance", Charts.WIDTH, Charts.HEIGHT);
        List<Integer> front = ParetoFront.front(l0, ev);
        int knee = ParetoFront.knee(l0, ev, front);
        XYSeries all = chart.addSeries("models", l0, ev);
        all.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(120, 120, 120));
        all.setLineStyle(SeriesLines.NONE);
        if (!front.isEmpty()) {
            XYSeries line = chart.addSeries("Pareto front", pick(l0, front), pick(ev, front));
            line.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(new Color(31, 119, 180));
            line.setLineColor(new Color(31, 119, 180));
        }
        if (knee >= 0) {
            XYSeries k = chart.addSeries("knee (model " + (knee + 1) + " of the sweep)", new double[] {l0[knee]},
                    new double[] {ev[knee]});
            k.setMarker(SeriesMarkers.SQUARE).setMarkerColor(new Color(214, 39, 40));
            k.setLineStyle(SeriesLines.NONE);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0.0#");
        return chart;
    }

    private static double[] pick(double[] values, List<Integer> at) {
        return at.stream().mapToDouble(i -> values[i]).toArray();
    }
}
