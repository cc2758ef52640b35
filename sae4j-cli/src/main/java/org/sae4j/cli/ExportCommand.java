package org.sae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.data.RowReader;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.io.interchange.ExternalSae;
import org.sae4j.io.interchange.SaeExchange;
import org.sae4j.io.interchange.SaeLensWriter;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j export}: an SAE as a SAELens v6 directory that Python users open with SAE.load_from_disk, or its
 * feature dashboards in Neuronpedia's upload layout.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an SAE as a SAELens directory or Neuronpedia upload.",
                "--format neuronpedia writes its dashboards as Neuronpedia's upload files",
                "(batch-N.json, skipped_indexes.json; needs --data, measured in one",
                "pass as sae4j browse measures it).", "",
                "SAELens: the directory holds sae_weights.safetensors, cfg.json and,",
                "with --data, sparsity.safetensors",
                "(log10 feature density on that data). The input scaling is folded into the",
                "weights, so the exported SAE takes raw activations. batchtopk and matryoshka",
                "export as jumprelu with their learned threshold.", ""},
        footer = {"", "Examples:",
                "  sae4j export --model sae.safetensors --out my-sae",
                "  sae4j export --model sae.safetensors --out my-sae --data acts.npy",
                "  sae4j export --format neuronpedia -m sae.safetensors --data acts/ \\",
                "      --model-id gpt2-small --sae-set my-saes --out np-upload"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "saelens", description = "saelens (default) or neuronpedia.")
    String format;

    @Option(names = "--model-id", paramLabel = "ID",
            description = "Neuronpedia: the model's id there (default: the store's model, else 'unknown').")
    String modelId;

    @Option(names = "--sae-set", paramLabel = "NAME", description = "Neuronpedia: the SAE set's name (default: the model file's name).")
    String saeSet;

    @Option(names = "--unembed", paramLabel = "FILE", description = "Neuronpedia: a matrix for pos_str/neg_str, as in browse.")
    String unembed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory to write (created or updated).")
    Path out;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "Data to measure each feature's firing density on (any form of train's --data).")
    String data;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N samples of --data.")
    Integer limit;

    @Option(names = "--held-out", arity = "0..1", fallbackValue = "0.1", paramLabel = "F",
            description = "Only the rows train held out of --data at --validation-split F (default 0.1).")
    Double heldOut;

    @Override
    public Integer call() {
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("saelens") && !f.equals("neuronpedia")) {
            throw new InvalidInputException("Export format '" + format + "' is not supported; expected saelens or neuronpedia.");
        }
        if (f.equals("neuronpedia")) {
            return NeuronpediaExport.run(this);
        }
        Model m = model.load();
        if (!(m instanceof SparseAutoencoder sae)) {
            throw new InvalidInputException("Model '" + model.file + "' is a " + m.describe()
                    + "; only dictionary-learning SAEs (train --arch ...) export to SAELens.");
        }
        if (data == null && (limit != null || heldOut != null)) {
            throw new InvalidInputException((limit != null ? "--limit" : "--held-out") + " selects rows of --data; give "
                    + "--data too.");
        }
        if (data != null && sae.targetSize() > 0) {
            throw new InvalidInputException("Model '" + model.file + "' is a transcoder, whose feature density is not "
                    + "measured on export yet; drop --data (sparsity.safetensors is optional).");
        }
        float[] density = null;
        if (data != null) {
            DataOptions.HeldOut d = new DataOptions.HeldOut();
            d.source = data;
            d.limit = limit;
            d.fraction = heldOut;
            if (DataOptions.streams(data)) { // one pass over rows that need not fit in memory
                try (RowReader rows = d.rows(data)) {
                    density = log10Density(Metrics.evaluate(sae, rows, null));
                }
            } else {
                density = log10Density(Metrics.evaluate(sae, d.load(), null));
            }
        }
        OutOfMemory.doing("exporting " + sae.describe());
        ExternalSae external = SaeExchange.toExternal(sae, density, out.toString());
        SaeLensWriter.write(external, out);
        PrintWriter w = spec.commandLine().getOut();
        if (external.transcoder()) {
            w.printf("Wrote SAELens %s (d_in %d, d_sae %d, d_out %d) to %s%n", external.architecture(), external.dIn(),
                    external.dSae(), external.dOut(), out.toAbsolutePath());
        } else {
            w.printf("Wrote SAELens %s SAE (d_in %d, d_sae %d) to %s%n", external.architecture(), external.dIn(),
                    external.dSae(), out.toAbsolutePath());
        }
        return 0;
    }

    /** log10 of each latent's firing frequency on the data (SAELens's sparsity.safetensors), as eval measures it. */
    static float[] log10Density(EvalReport report) {
        double[] l = report.log10Density();
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (float) l[i];
        }
        return out;
    }
}
