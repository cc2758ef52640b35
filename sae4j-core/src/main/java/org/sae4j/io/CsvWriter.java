package org.sae4j.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.Dataset;

/**
 * Writes a float matrix as CSV. Cells use {@link Float#toString}, the shortest text that parses back
 * to the identical float, so a written file reads back bit-for-bit.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /** Column names {@code prefix_0, prefix_1, ...}, e.g. {@code code_0,code_1} for SAE codes. */
    public static List<String> numberedHeader(String prefix, int cols) {
        List<String> names = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            names.add(prefix + "_" + c);
        }
        return names;
    }

    /** Writes the dataset's values; {@code header} may be null for no header line. */
    public static void write(Path path, Dataset data, List<String> header) {
        write(path, data.values(), data.rows(), data.cols(), header);
    }

    public static void write(Path path, float[] values, int rows, int cols, List<String> header) {
        try {
            AtomicFiles.write(path, out -> {
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                write(w, values, rows, cols, header);
                w.flush();
            });
        } catch (IOException e) {
            throw new InvalidInputException("File '" + path + "' could not be written (" + IoErrors.reason(e) + ").", e);
        }
    }

    public static void write(Writer sink, float[] values, int rows, int cols, List<String> header) throws IOException {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(values.length + " values do not form " + rows + " x " + cols);
        }
        if (header != null && header.size() != cols) {
            throw new IllegalArgumentException(header.size() + " header names for " + cols + " columns");
        }
        Writer out = sink instanceof BufferedWriter ? sink : new BufferedWriter(sink, 1 << 16);
        if (header != null) {
            out.write(String.join(",", header));
            out.write('\n');
        }
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            line.setLength(0);
            for (int c = 0; c < cols; c++) {
                line.append(c == 0 ? "" : ",").append(Float.toString(values[r * cols + c]));
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
    }
}
