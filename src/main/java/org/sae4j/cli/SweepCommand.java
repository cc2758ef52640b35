package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sae4j.data.Dataset;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.probe.ModelProbe;
import org.sae4j.eval.probe.Probing;
import org.sae4j.io.AtomicFiles;
import org.sae4j.model.Model;
import org.sae4j.report.Charts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j sweep}: trains one model per value of a penalty (or the learning rate) on the same data and
 * seed, and tabulates reconstruction against sparsity, so choosing the penalty is a measurement rather
 * than a guess.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train one model per value of a setting and compare them.",
                "Tabulates reconstruction (MSE, FVU) against sparsity (L0, mean activation,",
                "dead units) on the held-out rows. Writes each model, sweep.csv and sweep.png",
                "(the trade-off curve) to the output folder. Every train option applies to",
                "all runs.", ""},
        footer = {"", "Examples:",
                "  sae4j sweep --over beta=0.001,0.01,0.1,1 --epochs 10",
                "  sae4j sweep --preset deep --over l1-activity=1e-4,1e-3,1e-2 \\",
                "      --data fashion-mnist",
                "  sae4j sweep --preset classic --over rho=0.02,0.05,0.1 -o rho-sweep"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--over", required = true, paramLabel = "NAME=V1,V2,...",
            description = "The setting to sweep: beta, rho, l1-activity, l1-weights, l2-weights or lr.")
    String over;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON or YAML file of option names to values, as for train.")
    Path config;

    @Mixin
    ModelFlags model = new ModelFlags();

    @Mixin
    FitFlags fit = new FitFlags();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sae4j-sweep",
            description = "Folder for the models, sweep.csv and sweep.png (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    /** probe: accuracy of eval's logistic-regression probe (seed 0) on the scored rows; NaN without labels. */
    private record Row(double value, EvalReport report, double probe) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        Sweep sweep = Sweep.parse(over);
        for (double v : sweep.values()) { // every run's settings are checked before any training
            sweep.apply(model, fit, v);
            org.sae4j.model.ModelSize.requireTrainable(model.builder(data.widthHint(), fit.seed).config(), fit.batchSize, false);
            fit.options();
        }
        org.sae4j.io.OutputPaths.requireWritableFolder(out);
        Dataset all = data.load();
        FitFlags.Split split = fit.split(all);
        List<Row> rows = new ArrayList<>();
        for (double v : sweep.values()) {
            sweep.apply(model, fit, v);
            w.printf("%n== %s = %s%n", sweep.name(), v);
            Model ae = model.builder(all.cols(), fit.seed).build();
            Path file = out.resolve(sweep.fileName(v));
            TrainingRun.Result r = TrainingRun.run(w, ae, all, split, fit.options().checkpoint(file), fit, quiet);
            Dataset scored = split.scored();
            rows.add(new Row(v, r.report(), probe(ae, scored)));
        }
        w.println();
        w.print(table(sweep, rows, split));
        writeCsv(sweep, rows, out.resolve("sweep.csv"));
        writeChart(sweep, rows, out.resolve("sweep.png"));
        w.printf("Models, sweep.csv and sweep.png are in %s%n", out.toAbsolutePath());
        return 0;
    }

    private static String table(Sweep sweep, List<Row> rows, FitFlags.Split split) {
        StringBuilder sb = new StringBuilder(String.format("Sweep over %s (%s, %d samples, %s):%n", sweep.name(),
                split.scored().name(), split.scored().rows(), split.label()));
        boolean probed = labelled(rows);
        sb.append(String.format("  %12s  %10s  %7s  %12s  %10s  %6s%s%n", sweep.name(), "mse", "fvu", "L0", "mean act", "dead",
                probed ? "   probe" : ""));
        for (Row r : rows) {
            EvalReport e = r.report();
            sb.append(String.format("  %12s  %10.6f  %7.4f  %6.2f / %-3d  %10.5f  %5.1f%%%s%n", r.value(), e.mse(), e.fvu(),
                    e.l0(), e.codeSize(), e.overallMeanActivation(), 100 * e.deadFraction(),
                    probed ? String.format(Locale.ROOT, "  %6.4f", r.probe()) : ""));
        }
        return sb.toString();
    }

    private static void writeCsv(Sweep sweep, List<Row> rows, Path file) throws IOException {
        // The probe column comes last, and only with labels, so readers of the older columns are unaffected.
        boolean probed = labelled(rows);
        StringBuilder sb = new StringBuilder(sweep.name() + ",mse,fvu,l0,code_size,mean_activation,dead_fraction,model"
                + (probed ? ",probe_accuracy" : "") + "\n");
        for (Row r : rows) {
            EvalReport e = r.report();
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%s,%s%s%n", r.value(), e.mse(), e.fvu(), e.l0(),
                    e.codeSize(), e.overallMeanActivation(), e.deadFraction(), sweep.fileName(r.value()),
                    probed ? "," + r.probe() : ""));
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    /** The probe accuracy, or NaN without labels or with too few scored rows to split (the models still count). */
    private static double probe(Model m, Dataset scored) {
        if (scored.labels() == null) {
            return Double.NaN;
        }
        try {
            return ModelProbe.run(m, scored, Probing.DEFAULT_TRAIN_FRACTION, 0).latentAccuracy();
        } catch (org.sae4j.InvalidInputException e) {
            return Double.NaN;
        }
    }

    private static boolean labelled(List<Row> rows) {
        return !rows.isEmpty() && !Double.isNaN(rows.get(0).probe());
    }

    private static void writeChart(Sweep sweep, List<Row> rows, Path file) throws IOException {
        int n = rows.size();
        double[] x = new double[n];
        double[] fvu = new double[n];
        double[] active = new double[n];
        for (int i = 0; i < n; i++) {
            EvalReport e = rows.get(i).report();
            x[i] = rows.get(i).value();
            fvu[i] = e.fvu();
            active[i] = e.l0() / e.codeSize();
        }
        Charts.writePng(Charts.sweep(sweep.name(), x, fvu, active), file);
    }
}
