package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.StreamingData;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.eval.probe.ModelProbe;
import org.sae4j.eval.probe.Probing;
import org.sae4j.io.CheckpointFiles;
import org.sae4j.io.OutputPaths;
import org.sae4j.model.EpochStats;
import org.sae4j.model.Model;
import org.sae4j.model.ModelSize;
import org.sae4j.model.sae.SaeConfig;
import org.sae4j.model.sae.SaeSize;
import org.sae4j.report.Charts;
import org.sae4j.report.SweepChart;
import org.sae4j.train.FitOptions;
import org.sae4j.train.MultiTrainer;
import org.sae4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j sweep}: trains one model per value of a setting (a penalty, k, a target L0, the width, the
 * architecture or the learning rate) together, in one pass over the data, and tabulates reconstruction against
 * sparsity with the Pareto front marked, so choosing the penalty is a measurement rather than a guess. Each
 * model is bit-identical to the one {@code train} would give with that value, except a standard or classic L1 model at a
 * target L0: one pass steers its coefficient, where {@code train} searches it over several runs.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train one model per value of a setting and compare them.",
                "The models train together on the same batches, reading the data once; each",
                "ends exactly as 'train' with that value would leave it (a standard SAE at a",
                "target L0 steers its coefficient in the one pass, where train searches it).",
                "Tabulates reconstruction (MSE, FVU, explained variance) against sparsity (L0,",
                "mean activation, dead units) on the held-out rows, with the Pareto front and",
                "its knee marked. Writes each model, sweep.csv and sweep.png (L0 against",
                "explained variance) to the output folder. Every train option applies to all",
                "runs.", ""},
        footer = {"", "Examples:",
                "  sae4j sweep --arch topk --over k=8,16,32,64 --epochs 5 --data acts.npy",
                "  sae4j sweep --arch standard --over target-l0=10,20,40 --data fashion-mnist",
                "  sae4j sweep --over arch=topk,batchtopk,matryoshka --k 32",
                "  sae4j sweep --over beta=0.001,0.01,0.1,1 --epochs 10",
                "  sae4j sweep --preset deep --over l1-activity=1e-4,1e-3,1e-2 \\",
                "      --data fashion-mnist",
                "  sae4j sweep --preset classic --over rho=0.02,0.05,0.1 -o rho-sweep"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--over", required = true, paramLabel = "NAME=V1,V2,...",
            description = "The setting to sweep: k, lambda, target-l0, width, arch or lr, or for the classic models "
                    + "beta, rho, l1-activity, l1-weights or l2-weights.")
    String over;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON or YAML file of option names to values, as for train.")
    Path config;

    @Mixin
    ModelFlags model = new ModelFlags();

    @Mixin
    SaeFlags sae = new SaeFlags();

    @Mixin
    FitFlags fit = new FitFlags();

    @Mixin
    ControlFlags control = new ControlFlags();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sae4j-sweep",
            description = "Folder for the models, sweep.csv and sweep.png (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Only the summary (no line per model and epoch).")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        Sweep sweep = Sweep.parse(over);
        if (!sae.isSae() && sweep.needsArch()) {
            throw new InvalidInputException("Sweeping " + sweep.name() + " configures a dictionary-learning SAE; give "
                    + "--arch too (e.g. --arch topk).");
        }
        List<String> ignored = new ArrayList<>();
        for (String v : sweep.values()) { // every run's settings are checked before any data is read
            sweep.apply(model, sae, fit, control, v);
            ignored.add(IgnoredAtTarget.reason(sae.arch, control.targetL0,
                    name -> spec.commandLine().getParseResult().hasMatchedOption(name) || name.equals("--" + sweep.name())));
            if (sae.isSae()) {
                // Memory only when the data's width is known now: a stand-in of 1 would misname the SAE in the sentence.
                SaeConfig config = sae.builder(Math.max(1, data.widthHint()), fit.seed).config();
                if (data.widthHint() > 1) {
                    SaeSize.requireTrainable(config, fit.batchSize, false);
                }
            } else {
                ModelSize.requireTrainable(model.builder(data.widthHint(), fit.seed).config(), fit.batchSize, false);
            }
            fit.options();
        }
        warnIgnored(w, sweep, ignored);
        OutputPaths.requireWritableFolder(out);
        boolean streamed = StreamingData.streams(data.source, fit.samples != null);
        StreamingData stream = streamed ? StreamingData.open(data.source, fit.validationSplit, !fit.noShuffle, fit.seed) : null;
        Dataset all = streamed ? null : data.load();
        FitFlags.Split split = streamed ? null : fit.split(all);
        int cols = streamed ? stream.train().cols() : all.cols();

        List<MultiTrainer.Member> members = new ArrayList<>();
        for (String v : sweep.values()) {
            sweep.apply(model, sae, fit, control, v);
            Model m = sae.isSae() ? sae.builder(cols, fit.seed).build() : model.builder(cols, fit.seed).build();
            String label = sweep.name() + "=" + v;
            FitOptions.Builder o = fit.options(TrainCommand.saeWidth(m)).checkpoints(new CheckpointFiles(out.resolve(sweep.fileName(v)), null))
                    .sparsityTarget(steered(control.target(m))).validationData(split == null ? null : split.validation());
            if (!quiet) {
                o.listener(new EpochLines(w, label));
            }
            members.add(new MultiTrainer.Member(label, m, o.build()));
        }
        Dataset scored = streamed ? (stream.validation() != null ? stream.validation() : stream.sample()) : split.scored();
        String scoredLabel = streamed ? (stream.validation() != null ? "held out" : "training sample") : split.label();
        w.printf("sae4j %s: %d models over %s on '%s' (%d features), one pass: %s, batch %d, seed %d%n", Version.get(),
                members.size(), sweep.name(), streamed ? stream.train().name() : all.name(), cols, fit.planText(),
                fit.batchSize, fit.seed);
        w.flush();
        MultiTrainer trainer = new MultiTrainer(members);
        OutOfMemory.doing("training the sweep's " + members.size() + " models together");
        if (streamed) {
            trainer.fit(stream);
        } else {
            trainer.fit(split.train());
        }

        List<SweepTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Model m = members.get(i).model();
            EvalReport report = Metrics.evaluate(m, scored, fit.activeThreshold);
            rows.add(new SweepTable.Row(sweep.values()[i], report, probe(m, scored)));
            ControlFlags.report(w, m, report);
        }
        SweepTable table = new SweepTable(sweep, rows);
        w.println();
        w.print(table.text(scored.name(), scored.rows(), scoredLabel));
        w.print(EvalText.line("training time", String.format("%.1f s for %d models in one pass", trainer.seconds(),
                members.size())));
        table.writeCsv(out.resolve("sweep.csv"));
        Charts.writePng(SweepChart.tradeOff(sweep.name(), table.l0(), table.ev()), out.resolve("sweep.png"));
        w.printf("Models, sweep.csv and sweep.png are in %s%n", out.toAbsolutePath());
        return 0;
    }

    /**
     * An option that every run at --target-l0 would ignore is refused, as train refuses it; one that only some runs
     * ignore (a sweep over arch, whose other runs use it: refusing would refuse them) is said once, naming those runs.
     */
    private static void warnIgnored(PrintWriter w, Sweep sweep, List<String> ignored) {
        if (!ignored.contains(null)) {
            throw new InvalidInputException(IgnoredAtTarget.refusal(ignored.get(0)));
        }
        for (String reason : ignored.stream().filter(java.util.Objects::nonNull).distinct().toList()) {
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < ignored.size(); i++) {
                if (reason.equals(ignored.get(i))) {
                    runs.add(sweep.name() + "=" + sweep.values()[i]);
                }
            }
            w.println(IgnoredAtTarget.warning(reason, "in the runs " + String.join(", ", runs)
                    + "; the others use it"));
        }
    }

    /** The probe accuracy, or NaN without labels or with too few scored rows to split (the models still count). */
    private static double probe(Model m, Dataset scored) {
        if (scored.labels() == null) {
            return Double.NaN;
        }
        try {
            return ModelProbe.run(m, scored, Probing.DEFAULT_TRAIN_FRACTION, 0).latentAccuracy();
        } catch (InvalidInputException e) {
            return Double.NaN;
        }
    }

    /** One line per model and epoch: the models train side by side, so progress bars would interleave. */
    private static final class EpochLines implements TrainingListener {
        private final PrintWriter out;
        private final String label;
        private int last;

        EpochLines(PrintWriter out, String label) {
            this.out = out;
            this.label = label;
        }

        @Override
        public void onEpochStart(int epoch, int lastEpoch, int batches) {
            last = lastEpoch;
        }

        @Override
        public void onEpochEnd(EpochStats s) {
            out.printf(Locale.ROOT, "  %-18s epoch %d/%d  loss %.6f  L0 %.2f  EV %.4f  dead %.1f%%%n", label, s.epoch(), last,
                    s.loss(), s.l0(), s.explainedVariance(), 100 * s.deadFraction());
            out.flush();
        }

        @Override
        public void onNotice(String line) {
            out.println(label + ": " + line);
        }
    }

    /** A target steered in the one pass: a shared pass cannot run a model several times, as a search would. */
    private static org.sae4j.train.SparsityTarget steered(org.sae4j.train.SparsityTarget t) {
        return t == null ? null : t.steeredOnly();
    }
}
