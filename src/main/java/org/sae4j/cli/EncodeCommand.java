package org.sae4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.io.CsvWriter;
import org.sae4j.data.Dataset;
import org.sae4j.io.NpyWriter;
import org.sae4j.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j encode}: writes the code of every sample to CSV or NumPy's .npy. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the codes of a dataset to .csv or .npy.",
                "One row per sample, one column per code unit; inputs are scaled as the model",
                "was trained.", ""},
        footer = {"", "Examples:",
                "  sae4j encode --model sae4j-model.safetensors --out codes.npy",
                "  sae4j encode --model sae4j-model.safetensors --data images.csv --out codes.csv"})
final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output file ending in .csv or .npy.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".npy")) {
            throw new InvalidInputException("Output file '" + out + "' must end in .csv or .npy.");
        }
        org.sae4j.io.OutputPaths.requireWritableFile(out);
        Model m = model.load();
        Dataset codes = m.encode(data.load());
        if (name.endsWith(".csv")) {
            CsvWriter.write(out, codes, CsvWriter.numberedHeader("code", codes.cols()));
        } else {
            NpyWriter.write(out, codes);
        }
        spec.commandLine().getOut().printf("Wrote %d codes of %d units to %s%n", codes.rows(), codes.cols(), out);
        return 0;
    }
}
