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
                "was trained. With --labels the class labels go beside them: a last",
                "'label' column of a .csv, or FILE.labels.npy beside FILE.npy.", ""},
        footer = {"", "Examples:",
                "  sae4j encode --model sae4j-model.safetensors --out codes.npy",
                "  sae4j encode --model sae4j-model.safetensors --data images.csv --out codes.csv",
                "  sae4j encode -m sae.safetensors --data fashion-mnist --labels --out codes.npy"})
final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions.HeldOut data = new DataOptions.HeldOut();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output file ending in .csv or .npy.")
    Path out;

    @Mixin
    LabelsOption labels = new LabelsOption();

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".npy")) {
            throw new InvalidInputException("Output file '" + out + "' must end in .csv or .npy.");
        }
        org.sae4j.io.OutputPaths.requireWritableFile(out);
        Model m = model.load();
        if (DataOptions.streams(data.source) && !labels.given()) { // codes of rows that need not fit in memory
            try (org.sae4j.data.RowReader rows = data.rows(data.source)) {
                StreamedCodes.write(spec.commandLine().getOut(), m, rows, out);
            }
            return 0;
        }
        Dataset input = data.load(labels);
        Dataset codes = m.encode(input);
        int[] y = labels.given() ? input.labels() : null;
        Path labelsOut = y != null && name.endsWith(".npy") ? labelsPath(out) : null;
        if (labelsOut != null) {
            org.sae4j.io.OutputPaths.requireWritableFile(labelsOut);
        }
        if (name.endsWith(".csv")) {
            CsvWriter.write(out, y == null ? codes : withLabelColumn(codes, y), header(codes.cols(), y != null));
        } else {
            NpyWriter.write(out, codes);
            if (labelsOut != null) {
                NpyWriter.write(labelsOut, toFloats(y), y.length, 1);
            }
        }
        spec.commandLine().getOut().printf("Wrote %d codes of %d units to %s%s%n", codes.rows(), codes.cols(), out,
                y == null ? "" : labelsOut != null ? " and their labels to " + labelsOut : " with a label column");
        return 0;
    }

    /** codes.npy → codes.labels.npy, beside it. */
    static Path labelsPath(Path codes) {
        String file = codes.getFileName().toString();
        return codes.resolveSibling(file.substring(0, file.length() - ".npy".length()) + ".labels.npy");
    }

    private static java.util.List<String> header(int cols, boolean label) {
        java.util.List<String> h = new java.util.ArrayList<>(CsvWriter.numberedHeader("code", cols));
        if (label) {
            h.add("label");
        }
        return h;
    }

    /** The codes with the label appended as a last column (labels are small integers: exact in float). */
    private static Dataset withLabelColumn(Dataset codes, int[] y) {
        int cols = codes.cols() + 1;
        float[] v = new float[codes.rows() * cols];
        for (int r = 0; r < codes.rows(); r++) {
            System.arraycopy(codes.values(), r * codes.cols(), v, r * cols, codes.cols());
            v[r * cols + codes.cols()] = y[r];
        }
        return new Dataset(codes.name(), v, codes.rows(), cols);
    }

    private static float[] toFloats(int[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = y[i];
        }
        return f;
    }
}
