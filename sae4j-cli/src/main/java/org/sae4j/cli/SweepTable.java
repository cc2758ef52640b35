package org.sae4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sae4j.eval.EvalReport;
import org.sae4j.io.AtomicFiles;
import org.sae4j.report.ParetoFront;

/** The results of a sweep: the printed table and sweep.csv, each model marked when on the Pareto front or its knee. */
final class SweepTable {
    /** probe: accuracy of eval's logistic-regression probe (seed 0) on the scored rows; NaN without labels. */
    record Row(String value, EvalReport report, double probe) {
    }

    private final Sweep sweep;
    private final List<Row> rows;
    private final List<Integer> front;
    private final int knee;

    SweepTable(Sweep sweep, List<Row> rows) {
        this.sweep = sweep;
        this.rows = rows;
        this.front = ParetoFront.front(l0(), ev());
        this.knee = ParetoFront.knee(l0(), ev(), front);
    }

    double[] l0() {
        return rows.stream().mapToDouble(r -> r.report().l0()).toArray();
    }

    double[] ev() {
        return rows.stream().mapToDouble(r -> r.report().explainedVariance()).toArray();
    }

    String text(String scored, int samples, String label) {
        StringBuilder sb = new StringBuilder(String.format("Sweep over %s (%s, %d samples, %s):%n", sweep.name(), scored,
                samples, label));
        boolean probed = labelled();
        sb.append(String.format("  %12s  %10s  %7s  %7s  %12s  %10s  %6s%s%n", sweep.name(), "mse", "fvu", "EV", "L0",
                "mean act", "dead", probed ? "   probe" : ""));
        for (int i = 0; i < rows.size(); i++) {
            EvalReport e = rows.get(i).report();
            sb.append(String.format("  %12s  %10.6f  %7.4f  %7.4f  %6.2f / %-3d  %10.5f  %5.1f%%%s  %s%n", rows.get(i).value(),
                    e.mse(), e.fvu(), e.explainedVariance(), e.l0(), e.codeSize(), e.overallMeanActivation(),
                    100 * e.deadFraction(), probed ? String.format(Locale.ROOT, "  %6.4f", rows.get(i).probe()) : "",
                    i == knee ? "front, knee" : front.contains(i) ? "front" : ""));
        }
        return sb.toString();
    }

    void writeCsv(Path file) throws IOException {
        // The probe column comes last, and only with labels, so readers of the older columns are unaffected.
        boolean probed = labelled();
        StringBuilder sb = new StringBuilder(sweep.name() + ",mse,fvu,l0,code_size,mean_activation,dead_fraction,model,"
                + "explained_variance,pareto,knee" + (probed ? ",probe_accuracy" : "") + "\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            EvalReport e = r.report();
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%s,%s,%s,%s,%s%s%n", r.value(), e.mse(), e.fvu(), e.l0(),
                    e.codeSize(), e.overallMeanActivation(), e.deadFraction(), sweep.fileName(r.value()),
                    e.explainedVariance(), front.contains(i), i == knee, probed ? "," + r.probe() : ""));
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    private boolean labelled() {
        return !rows.isEmpty() && !Double.isNaN(rows.get(0).probe());
    }
}
