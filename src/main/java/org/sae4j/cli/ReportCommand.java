package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.data.DataSources;
import org.sae4j.model.Autoencoder;
import org.sae4j.report.Headless;
import org.sae4j.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j report}: an HTML page with pictures of what a saved model learned. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an HTML report of what a model learned.",
                "Its settings and metrics, inputs next to their reconstructions, what each code",
                "unit adds to a reconstruction, the first layer's filters, code-unit usage and",
                "the training curves. Open the printed index.html in a browser; the folder is",
                "self-contained. Without --data it uses embedded-held-out, the last 1,000",
                "embedded images, which train holds out.", ""},
        footer = {"", "Examples:",
                "  sae4j report --model sae4j-model.safetensors",
                "  sae4j report --model sae4j-model.safetensors --data fashion-mnist-test \\",
                "      --limit 2000 --out my-report",
                "  sae4j report -m sae4j-model.safetensors --units 100 --samples 10"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sae4j-report",
            description = "Folder for index.html and its images (default: ${DEFAULT-VALUE}); files in it are replaced.")
    Path out;

    @Option(names = "--units", paramLabel = "N", defaultValue = "64",
            description = "Draw at most N filters and N code units, most used first (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "16",
            description = "Show the first N samples and their reconstructions (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() {
        Headless.ensure();
        PrintWriter w = spec.commandLine().getOut();
        if (units <= 0 || samples <= 0) {
            throw new InvalidInputException(units <= 0 ? "--units is " + units + "; expected a positive number of units."
                    : "--samples is " + samples + "; expected a positive number of samples.");
        }
        HtmlReport.Options options = new HtmlReport.Options(units, samples, model.file.getFileName().toString());
        org.sae4j.io.OutputPaths.requireWritableFolder(out);
        Autoencoder ae = model.load();
        Path index;
        try {
            index = HtmlReport.write(ae, data.loadOr(DataSources.EMBEDDED_HELD_OUT, spec), out, options);
        } catch (IOException e) {
            throw new InvalidInputException("The report could not be written to '" + out + "' ("
                    + org.sae4j.io.IoErrors.reason(e) + ").", e);
        }
        w.println(index.toAbsolutePath().normalize());
        return 0;
    }
}
