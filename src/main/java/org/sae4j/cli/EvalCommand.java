package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sae4j.data.DataSources;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.Autoencoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j eval}: reconstruction and sparsity metrics of a saved model on a dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a model's reconstruction and sparsity.",
                "MSE, fraction of variance unexplained, L0 (mean active code units per sample),",
                "fraction of dead units and each unit's mean activation, in the model's",
                "normalised units. Without --data it scores embedded-held-out: the",
                "last 1,000 embedded images, which train holds out (so never trains on) unless",
                "given --validation-split 0 or --validation-data.", ""},
        footer = {"", "Examples:",
                "  sae4j eval --model sae4j-model.safetensors",
                "  sae4j eval --model sae4j-model.safetensors --data fashion-mnist-test --units"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--active-threshold", paramLabel = "T",
            description = "A code unit is active when |a| > T (default 0 for relu/linear, 0.1 for sigmoid/tanh).")
    Double activeThreshold;

    @Option(names = "--units", description = "Also print every code unit's mean activation.")
    boolean units;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        org.sae4j.eval.ActiveUnits.requireValid(activeThreshold);
        Autoencoder ae = model.load();
        EvalReport r = Metrics.evaluate(ae, data.loadOr(DataSources.EMBEDDED_HELD_OUT, spec), activeThreshold);
        w.printf("Model %s (%s) on '%s', %d samples:%n", model.file, ae.config().describeShape(), r.dataset(), r.samples());
        w.print(format(r));
        if (units) {
            w.println("  mean activation per code unit:");
            float[] m = r.meanActivation();
            for (int u = 0; u < m.length; u++) {
                w.printf("    unit %4d  %.5f%n", u, m[u]);
            }
        }
        return 0;
    }

    /** The metrics block shared by {@code eval} and the summary of {@code train}. */
    static String format(EvalReport r) {
        return String.format("  mse per value     %.6f%n", r.mse())
                + String.format("  fvu               %.4f%n", r.fvu())
                + String.format("  L0                %.2f of %d code units (active: |a| > %s)%n", r.l0(), r.codeSize(), r.threshold())
                + String.format("  dead units        %.1f%%%n", 100 * r.deadFraction())
                + String.format("  mean activation   %.5f%n", r.overallMeanActivation());
    }
}
