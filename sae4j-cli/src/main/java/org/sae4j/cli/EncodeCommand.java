package org.sae4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.Memory;
import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;
import org.sae4j.io.CodeFiles;
import org.sae4j.io.CsvWriter;
import org.sae4j.io.NpyWriter;
import org.sae4j.io.OutputPaths;
import org.sae4j.model.Model;
import org.sae4j.model.sae.KSparseSae;
import org.sae4j.tensor.SparseCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j encode}: writes the code of every sample, dense to CSV or .npy, sparse or dense to a file of arrays. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the codes of a dataset to .csv, .npy, .safetensors or .npz.",
                "One row per sample, one column per code unit; inputs are scaled as the model",
                "was trained. Sparse codes (--sparse) stream to disk in CSR form, chunk by",
                "chunk, so millions of rows of a wide SAE fit a small heap: .safetensors",
                "with indptr (I64, rows + 1), indices (I32) and values (F32), read by",
                "scipy.sparse.csr_matrix((values, indices, indptr)), or .npz for",
                "scipy.sparse.load_npz. topk, batchtopk and matryoshka SAEs write sparse",
                ".safetensors by default; other models write one dense 'codes' tensor",
                "there. Dense .csv and .npy are built in memory. With --labels the class",
                "labels go beside the codes: a last 'label' column of a .csv, or",
                "FILE.labels.npy beside any other FILE. Rows that are tokens (an activation",
                "store, or lm:MODEL:... captured as it is read, in document order) get",
                "FILE.origins.csv beside the codes: row,doc,position,token_id,token.", ""},
        footer = {"", "Examples:",
                "  sae4j encode --model sae4j-model.safetensors --out codes.npy",
                "  sae4j encode --model sae4j-model.safetensors --data images.csv --out codes.csv",
                "  sae4j encode -m topk.safetensors --data acts.npy --out codes.safetensors",
                "  sae4j encode -m sae.safetensors --sparse --out codes.npz",
                "      (then in Python: scipy.sparse.load_npz('codes.npz'))",
                "  sae4j encode -m sae.safetensors --data fashion-mnist --labels --out codes.npy",
                "  sae4j encode -m sae.safetensors --data lm:minilm:layer=3:text=docs.txt \\",
                "      --out codes.npz   (and codes.origins.csv: doc, position, token)"})
final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions.HeldOut data = new DataOptions.HeldOut();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "Output file ending in .csv, .npy, .safetensors or .npz.")
    Path out;

    @Option(names = "--sparse", negatable = true,
            description = "Sparse codes (CSR), streamed to a .safetensors or .npz (default: on for topk, batchtopk "
                    + "and matryoshka SAEs writing .safetensors); --no-sparse writes one dense tensor instead.")
    Boolean sparse;

    @Mixin
    LabelsOption labels = new LabelsOption();

    private enum Format { CSV, NPY, SAFETENSORS, NPZ }

    @Override
    public Integer call() throws Exception {
        Format format = format();
        OutputPaths.requireWritableFile(out);
        Model m = model.load();
        boolean sparseOut = format == Format.NPZ
                || format == Format.SAFETENSORS && (sparse != null ? sparse : m instanceof KSparseSae);
        if (DataOptions.streams(data.source) && !labels.given()) { // codes of rows that need not fit in memory
            try (RowReader rows = data.rows(data.source)) {
                OutOfMemory.doing("encoding the samples of '" + data.source + "'");
                java.util.function.Function<RowReader, Long> encode = r -> {
                    if (format == Format.CSV || format == Format.NPY) {
                        StreamedCodes.write(spec.commandLine().getOut(), m, r, out);
                    } else {
                        spec.commandLine().getOut().printf("Wrote %s to %s%n", writeCodeFile(m, sparseOut, r.rows(),
                                m.encodeSparse(r)), out);
                    }
                    return r.rows();
                };
                if (!rows.hasOrigins()) {
                    encode.apply(rows);
                    return 0;
                }
                // rows that are tokens (a store, lm:...) say where each came from, in a file beside the codes
                Path origins = OriginsCsv.pathFor(out);
                OutputPaths.requireWritableFile(origins);
                long n = OriginsCsv.write(origins, data.source, rows, encode);
                spec.commandLine().getOut().printf("Wrote the document, position and token of the %d rows to %s%n", n, origins);
            }
            return 0;
        }
        Dataset input = data.load(labels);
        int[] y = labels.given() ? input.labels() : null;
        Path labelsOut = y != null && format != Format.CSV ? labelsPath(out) : null;
        if (labelsOut != null) {
            OutputPaths.requireWritableFile(labelsOut);
        }
        String what;
        OutOfMemory.doing("encoding " + input.rows() + " samples of '" + data.source + "'");
        if (format == Format.NPZ || format == Format.SAFETENSORS) {
            what = writeCodeFile(m, sparseOut, input.rows(), m.encodeSparse(input));
        } else {
            // Dense .csv and .npy hold every code in memory: say so in one sentence, not an OutOfMemoryError.
            Memory.require(4.0 * input.rows() * m.latentSize() * (y != null && format == Format.CSV ? 2 : 1),
                    String.format(Locale.ROOT, "Encoding %d samples into dense codes of %d units"
                            + " (--sparse streams them to .safetensors or .npz instead)", input.rows(), m.latentSize()));
            Dataset codes = m.encode(input);
            if (format == Format.CSV) {
                CsvWriter.write(out, y == null ? codes : withLabelColumn(codes, y), header(codes.cols(), y != null));
            } else {
                NpyWriter.write(out, codes);
            }
            what = String.format(Locale.ROOT, "%d codes of %d units", codes.rows(), codes.cols());
        }
        if (labelsOut != null) {
            NpyWriter.write(labelsOut, toFloats(y), y.length, 1);
        }
        spec.commandLine().getOut().printf("Wrote %s to %s%s%n", what, out,
                y == null ? "" : labelsOut != null ? " and their labels to " + labelsOut : " with a label column");
        return 0;
    }

    /** Streams the codes to a .safetensors (sparse or dense) or .npz file; returns what it wrote, for the last line. */
    private String writeCodeFile(Model m, boolean sparseOut, long rows, Iterable<SparseCode> codes) {
        if (sparseOut) {
            CodeFiles.Written w = CodeFiles.writeSparse(out, m.latentSize(), codes);
            return String.format(Locale.ROOT, "%d sparse codes of %d units (%.2f non-zero per sample)", w.rows(),
                    m.latentSize(), w.rows() == 0 ? 0.0 : (double) w.nonZeros() / w.rows());
        }
        if (rows > Integer.MAX_VALUE) {
            throw new InvalidInputException(String.format(Locale.ROOT, "Data has %,d rows; expected at most %,d for one "
                    + "file of dense codes (use --sparse, or give --limit).", rows, Integer.MAX_VALUE));
        }
        CodeFiles.Written w = CodeFiles.writeDense(out, (int) rows, m.latentSize(), codes);
        return String.format(Locale.ROOT, "%d dense codes of %d units", w.rows(), m.latentSize());
    }

    /** The output's format from its extension, checked against --sparse before anything is loaded. */
    private Format format() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        Format format = null;
        for (Format f : Format.values()) {
            if (name.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
                format = f;
            }
        }
        if (format == null) {
            throw new InvalidInputException("Output file '" + out + "' must end in .csv or .npy (dense codes),"
                    + " .npz (sparse codes) or .safetensors (either).");
        }
        if (Boolean.TRUE.equals(sparse) && (format == Format.CSV || format == Format.NPY)) {
            throw new InvalidInputException("--sparse writes .safetensors or .npz files, but output '" + out
                    + "' is a ." + format.name().toLowerCase(Locale.ROOT) + "; expected a name ending in"
                    + " .safetensors or .npz.");
        }
        if (Boolean.FALSE.equals(sparse) && format == Format.NPZ) {
            throw new InvalidInputException("--no-sparse writes dense codes, but output '" + out
                    + "' is an .npz, which holds sparse codes only; expected a name ending in .safetensors, .npy"
                    + " or .csv.");
        }
        return format;
    }

    /** codes.npy → codes.labels.npy, beside it (likewise codes.safetensors and codes.npz). */
    static Path labelsPath(Path codes) {
        String file = codes.getFileName().toString();
        return codes.resolveSibling(file.substring(0, file.lastIndexOf('.')) + ".labels.npy");
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
