package org.sae4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;
import org.sae4j.io.AtomicFiles;
import org.sae4j.io.CsvWriter;
import org.sae4j.format.NpyHeader;
import org.sae4j.model.Model;

/**
 * {@code encode} on streamed data: the codes of {@link Model#INFERENCE_BATCH} rows at a time go straight to the
 * output, so neither the inputs nor the codes need fit in memory. The same bytes as encoding the rows loaded
 * whole; written through {@link AtomicFiles}, so a bad value met half-way leaves no half-written file.
 */
final class StreamedCodes {
    private StreamedCodes() {
    }

    static void write(PrintWriter w, Model m, RowReader rows, Path out) {
        Iterable<Dataset.Chunk> chunks = rows.chunks(Model.INFERENCE_BATCH);
        boolean csv = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        int width = m.latentSize();
        try {
            AtomicFiles.write(out, stream -> {
                Writer text = csv ? new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16) : null;
                if (!csv) {
                    stream.write(NpyHeader.float32Matrix(rows.rows(), width));
                }
                for (Dataset.Chunk c : chunks) {
                    int n = c.rows();
                    Dataset codes = m.encode(new Dataset(rows.name(), c.values(), n, rows.cols()));
                    if (csv) {
                        CsvWriter.write(text, codes.values(), n, width, c.from() == 0 ? CsvWriter.numberedHeader("code", width) : null);
                    } else {
                        floats(stream, codes.values());
                    }
                }
                if (text != null) {
                    text.flush();
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException("File '" + out + "' could not be written (" + IoErrors.reason(e) + ").", e);
        }
        w.printf("Wrote %d codes of %d units to %s%n", rows.rows(), width, out);
    }

    /** Little-endian float32, as NpyWriter writes the values after its header. */
    private static void floats(OutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        out.write(b.array());
    }
}
