package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.probe.ModelProbe;
import org.sae4j.eval.probe.ProbeReport;
import org.sae4j.eval.Metrics;
import org.sae4j.eval.groundtruth.DictionaryRecovery;
import org.sae4j.eval.groundtruth.GroundTruthReport;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j eval}: reconstruction and sparsity metrics of a saved model on a dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a model's reconstruction and sparsity.",
                "In its normalised units: MSE, fraction of variance",
                "unexplained, explained variance, cosine similarity, l2 ratio, relative",
                "reconstruction bias, shrinkage, L0 (mean active latents per sample), dead",
                "latents, mean activation and the log10 feature density histogram. On",
                "synthetic:... data an SAE's decoder rows are also matched to the true",
                "features (MMCS, MCC, uniqueness, precision/recall/F1). On labelled data,",
                "logistic-regression probes on all latents and on the k = 1, 2, 5 latents",
                "whose class means differ most, beside the same probes on the inputs.",
                "Without --data it",
                "scores embedded-held-out: the last 1,000 embedded images, which train",
                "holds out (so never trains on) unless given --validation-split 0. A",
                "transcoder is scored against --target-data: its MSE, FVU and explained",
                "variance are of the targets.", ""},
        footer = {"", "Examples:",
                "  sae4j eval --model sae4j-model.safetensors",
                "  sae4j eval --model sae4j-model.safetensors --data fashion-mnist-test --units",
                "  sae4j eval -m sae.safetensors --data synthetic:dim=16,start=4000 --json",
                "  sae4j eval -m transcoder.safetensors --data mlp-in.npy \\",
                "      --target-data mlp-out.npy"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions.HeldOut data = new DataOptions.HeldOut();

    @Mixin
    TargetData target = new TargetData();

    @Option(names = "--active-threshold", paramLabel = "T",
            description = "A latent (or a deep model's code unit) is active when |a| > T (default 0 for relu/linear, 0.1 for sigmoid/tanh).")
    Double activeThreshold;

    @Mixin
    LabelsOption labels = new LabelsOption();

    @Option(names = "--no-probe", description = "Skip the probes that labelled data gets.")
    boolean noProbe;

    @Option(names = "--probe-seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the probes' train/test split and shuffling (default ${DEFAULT-VALUE}).")
    long probeSeed;

    @Option(names = "--probe-train-fraction", paramLabel = "F", defaultValue = "0.8",
            description = "Share of the labelled rows the probes train on; they are scored on the rest (default ${DEFAULT-VALUE}).")
    double probeTrainFraction;

    @Option(names = "--units", description = "Also print every code unit's mean activation.")
    boolean units;

    @Option(names = "--json", description = "Print the metrics as one JSON object instead.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        org.sae4j.eval.ActiveUnits.requireValid(activeThreshold);
        if (!(probeTrainFraction > 0 && probeTrainFraction < 1)) { // checked before loading data, which can take a while
            throw new org.sae4j.InvalidInputException("--probe-train-fraction is " + probeTrainFraction
                    + "; expected a number between 0 and 1.");
        }
        Model m = model.load();
        String chosen = data.chosen(DataSources.EMBEDDED_HELD_OUT, spec);
        Dataset d = null;
        EvalReport r;
        if (DataOptions.streams(chosen) && !labels.given() && m.targetSize() == 0 && !target.given()) {
            // one pass over rows that need not fit in memory
            try (RowReader rows = data.rows(chosen)) {
                OutOfMemory.doing("evaluating " + m.describe() + " on '" + chosen + "'");
                r = Metrics.evaluate(m, rows, activeThreshold);
            }
        } else {
            d = data.load(chosen, labels);
            OutOfMemory.doing("evaluating " + m.describe() + " on \'" + chosen + "\'");
            // A transcoder is scored on its targets: rows [x | y], the same rows of --target-data as of --data.
            r = Metrics.evaluate(m, target.pairFor(m, model.file.toString(), d, data), activeThreshold);
        }
        // Labelled data: how well a linear probe reads the classes from the latents, against the raw inputs.
        ProbeReport probe = d != null && d.labels() != null && !noProbe ? ModelProbe.run(m, d, probeTrainFraction, probeSeed) : null;
        // Synthetic data knows its true features: measure how well the dictionary recovers them.
        boolean synthetic = SyntheticSpec.matches(data.source);
        GroundTruthReport truth = synthetic ? DictionaryRecovery.of(m, SyntheticSpec.parse(data.source), r.density()) : null;
        String skipped = synthetic && truth == null ? (m.targetSize() > 0
                ? "skipped: a transcoder's decoder rows live in its target's space, not among the input's features"
                : DictionaryRecovery.NO_DECODER_ROWS) : null;
        if (json) {
            w.println(EvalJson.toJson(m, model.file.toString(), r, truth, skipped, probe));
            return 0;
        }
        w.printf("Model %s (%s) on '%s', %d samples:%n", model.file, m.describe(), r.dataset(), r.samples());
        w.print(EvalText.metrics(r, EvalText.units(m), null, EvalText.noun(m)));
        if (synthetic) {
            w.print(EvalText.groundTruth(truth, skipped));
        }
        if (probe != null) {
            w.print(EvalText.probe(probe));
        }
        if (units) {
            w.println("  mean activation per code unit:");
            float[] mean = r.meanActivation();
            for (int u = 0; u < mean.length; u++) {
                w.printf("    unit %4d  %.5f%n", u, mean[u]);
            }
        }
        return 0;
    }

}
