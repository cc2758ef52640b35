package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import java.nio.file.Files;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.Headless;
import org.sae4j.report.HtmlReport;
import org.sae4j.report.SaeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j report}: an HTML page with pictures of what a saved model learned; a deep autoencoder gets the
 * classic report, a dictionary-learning SAE the density histogram and the feature browser.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an HTML report of what a model learned.",
                "Open the printed index.html in a browser; the folder is self-contained.", "",
                "Deep autoencoders: settings and metrics, inputs next to their",
                "reconstructions, what each code unit adds, the first layer's filters,",
                "code-unit usage and the training curves (--units, --samples).", "",
                "Sparse autoencoders (sae4j train --arch ...): MSE, explained variance, L0,",
                "dead latents, the feature-density histogram, loss/L0/explained-variance",
                "curves and a feature browser of the most frequent, least frequent and",
                "random latents: density, activation histogram, top-activating inputs and,",
                "for square inputs such as 28x28, the decoder direction and the inputs as",
                "tiles labelled with the latent id (--latents, --top, --seed).", "",
                "Without --data it uses embedded-held-out, the last 1,000 embedded images,",
                "which train holds out.", ""},
        footer = {"", "Examples:",
                "  sae4j report --model sae4j-model.safetensors",
                "  sae4j report -m sae4j-model.safetensors --data fashion-mnist-test \\",
                "      --limit 2000 --out my-report",
                "  sae4j report -m sae4j-model.safetensors --units 100 --samples 10",
                "  sae4j report -m topk.safetensors --latents 24 --top 12 --seed 7"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions.HeldOut data = new DataOptions.HeldOut();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sae4j-report",
            description = "Folder for index.html and its images (default: ${DEFAULT-VALUE}); files in it are replaced.")
    Path out;

    @Option(names = "--units", paramLabel = "N", defaultValue = "64",
            description = "Autoencoders: draw at most N filters and N code units (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "16",
            description = "Autoencoders: show N samples and their reconstructions (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--latents", paramLabel = "N", defaultValue = "16",
            description = "SAEs: latents per feature-browser section (default: ${DEFAULT-VALUE}).")
    int latents;

    @Option(names = "--top", paramLabel = "N", defaultValue = "8",
            description = "SAEs: top-activating inputs per latent (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "SAEs: seed of the random sample of latents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Headless.ensure();
        PrintWriter w = spec.commandLine().getOut();
        if (units <= 0 || samples <= 0) {
            throw new InvalidInputException(units <= 0 ? "--units is " + units + "; expected a positive number of units."
                    : "--samples is " + samples + "; expected a positive number of samples.");
        }
        if (latents <= 0 || top <= 0) {
            throw new InvalidInputException(latents <= 0 ? "--latents is " + latents + "; expected a positive number of latents."
                    : "--top is " + top + "; expected a positive number of inputs.");
        }
        String title = model.file.getFileName().toString();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("Output '" + out + "' is a file; expected a folder for the report.");
        }
        org.sae4j.io.OutputPaths.requireWritableFolder(out);
        Model m = model.load();
        if (m.targetSize() > 0) {
            throw new InvalidInputException("sae4j report does not show transcoders yet; '" + model.file + "' holds "
                    + m.describe() + " (sae4j eval --target-data measures it).");
        }
        Dataset scored = data.loadOr(DataSources.EMBEDDED_HELD_OUT, spec);
        Path index;
        OutOfMemory.doing("building the report of " + m.describe() + " on " + scored.rows() + " samples");
        try {
            if (m instanceof SparseAutoencoder sae) {
                index = SaeReport.write(sae, scored, out, new SaeReport.Options(latents, top, seed, title));
            } else if (m instanceof Autoencoder ae) {
                index = HtmlReport.write(ae, scored, out, new HtmlReport.Options(units, samples, title));
            } else {
                throw new InvalidInputException("File '" + model.file + "' holds a " + m.describe()
                        + ", which has no report.");
            }
        } catch (IOException e) {
            throw new InvalidInputException("The report could not be written to '" + out + "' ("
                    + org.sae4j.IoErrors.reason(e) + ").", e);
        }
        w.println(index.toAbsolutePath().normalize());
        return 0;
    }
}
