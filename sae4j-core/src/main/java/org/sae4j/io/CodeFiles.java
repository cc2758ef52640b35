package org.sae4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.format.NumberType;
import org.sae4j.format.SafeTensorsHeader;
import org.sae4j.tensor.SparseCode;

/**
 * The codes of a dataset written as they are encoded, chunk by chunk, never all in memory, and atomically
 * (a reader sees the old file or the whole new one).
 *
 * <p>Sparse codes are CSR, the layout of {@code scipy.sparse.csr_matrix((values, indices, indptr))}: row r's
 * latents are {@code indices[indptr[r] .. indptr[r+1]-1]} (ascending) with {@code values} beside them.
 * <ul>
 *   <li>{@code .safetensors}: tensors {@code indptr} (I64, rows + 1), {@code indices} (I32, nnz), {@code values}
 *   (F32, nnz); metadata {@code format=sae4j-sparse-codes}, {@code rows}, {@code latents}.</li>
 *   <li>{@code .npz}: the arrays {@code scipy.sparse.save_npz} writes, so {@code load_npz} and {@code np.load}
 *   both read it: {@code data} (float32), {@code indices} (int32), {@code indptr} (int64), {@code format}
 *   (b"csr") and {@code shape} (int64, [rows, latents]).</li>
 * </ul>
 * Dense codes go to {@code .safetensors} as one F32 tensor {@code codes} [rows, latents] with metadata
 * {@code format=sae4j-dense-codes}, {@code rows}, {@code latents}.
 */
public final class CodeFiles {
    public static final String SPARSE_FORMAT = "sae4j-sparse-codes";
    public static final String DENSE_FORMAT = "sae4j-dense-codes";

    /** What was written: rows, and the entries stored (for dense codes, the non-zero values). */
    public record Written(long rows, long nonZeros) {
    }

    private CodeFiles() {
    }

    /** Whether {@code file}'s name ends in {@code extension} (".npz"), in any case. */
    public static boolean hasExtension(Path file, String extension) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension);
    }

    /**
     * Sparse codes of {@code latents} latents, in the format that {@code file}'s extension names (.safetensors
     * or .npz). Until the end the arrays wait in files beside the output (see {@link CodeSpill}), so the disk
     * briefly holds the codes twice.
     *
     * @throws InvalidInputException if the file cannot be written
     */
    public static Written writeSparse(Path file, int latents, Iterable<SparseCode> chunks) {
        boolean npz = hasExtension(file, ".npz");
        if (!npz && !hasExtension(file, ".safetensors")) {
            throw new IllegalArgumentException("sparse codes go to .safetensors or .npz, not " + file);
        }
        try (CodeSpill spill = new CodeSpill(file, latents)) {
            for (SparseCode chunk : chunks) {
                spill.append(chunk);
            }
            Path[] arrays = spill.finish();
            AtomicFiles.write(file, out -> {
                if (npz) {
                    sparseNpz(out, spill, arrays);
                } else {
                    sparseSafeTensors(out, spill, arrays);
                }
            });
            return new Written(spill.rows(), spill.nonZeros());
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static void sparseSafeTensors(OutputStream out, CodeSpill spill, Path[] arrays) throws IOException {
        List<SafeTensorsHeader.Layout> layout = List.of(
                new SafeTensorsHeader.Layout("indptr", NumberType.INT64, spill.rows() + 1),
                new SafeTensorsHeader.Layout("indices", NumberType.INT32, spill.nonZeros()),
                new SafeTensorsHeader.Layout("values", NumberType.FLOAT32, spill.nonZeros()));
        out.write(SafeTensorsHeader.of(layout, metadata(SPARSE_FORMAT, spill.rows(), spill.latents())));
        for (Path p : arrays) {
            Files.copy(p, out);
        }
    }

    private static void sparseNpz(OutputStream out, CodeSpill spill, Path[] arrays) throws IOException {
        String entries = "(" + spill.nonZeros() + ",)";
        ByteBuffer shape = ByteBuffer.allocate(2 * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        shape.putLong(spill.rows()).putLong(spill.latents());
        // scipy.sparse.save_npz's names and order; 'format' as the bytes b"csr", as it writes it.
        NpzWriter.write(out, List.of(
                NpzWriter.Entry.ofFile("indices", "<i4", entries, arrays[1]),
                NpzWriter.Entry.ofFile("indptr", "<i8", "(" + (spill.rows() + 1) + ",)", arrays[0]),
                NpzWriter.Entry.ofBytes("format", "|S3", "()", "csr".getBytes(StandardCharsets.US_ASCII)),
                NpzWriter.Entry.ofBytes("shape", "<i8", "(2,)", shape.array()),
                NpzWriter.Entry.ofFile("data", "<f4", entries, arrays[2])));
    }

    /**
     * Dense codes: {@code rows} rows of {@code latents} floats, zeros where the sparse chunks store nothing,
     * streamed to a .safetensors file (its header is known up front, so nothing waits on disk).
     *
     * @throws InvalidInputException if the file cannot be written
     */
    public static Written writeDense(Path file, int rows, int latents, Iterable<SparseCode> chunks) {
        long[] count = new long[2];
        try {
            AtomicFiles.write(file, out -> {
                List<SafeTensorsHeader.Layout> layout = List.of(
                        new SafeTensorsHeader.Layout("codes", NumberType.FLOAT32, rows, latents));
                out.write(SafeTensorsHeader.of(layout, metadata(DENSE_FORMAT, rows, latents)));
                ByteBuffer row = ByteBuffer.allocate(Math.multiplyExact(latents, Float.BYTES))
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (SparseCode chunk : chunks) {
                    if (chunk.width() != latents || count[0] + chunk.rows() > rows) {
                        throw new IllegalArgumentException("a code of " + chunk.rows() + " x " + chunk.width()
                                + " after " + count[0] + " rows of " + rows + " x " + latents);
                    }
                    for (int r = 0; r < chunk.rows(); r++) {
                        Arrays.fill(row.array(), (byte) 0);
                        for (int e = chunk.rowStart()[r]; e < chunk.rowStart()[r + 1]; e++) {
                            row.putFloat(chunk.index()[e] * Float.BYTES, chunk.value()[e]);
                            count[1] += chunk.value()[e] != 0f ? 1 : 0;
                        }
                        out.write(row.array());
                    }
                    count[0] += chunk.rows();
                }
                if (count[0] != rows) {
                    throw new IllegalArgumentException(count[0] + " rows of codes where " + rows + " were declared");
                }
            });
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        return new Written(count[0], count[1]);
    }

    private static Map<String, String> metadata(String format, long rows, int latents) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("rows", Long.toString(rows));
        m.put("latents", Integer.toString(latents));
        return m;
    }

    /** The header's length (8 bytes, little-endian), then the header. */
    private static InvalidInputException cannotWrite(Path file, IOException e) {
        return new InvalidInputException("File '" + file + "' could not be written (" + IoErrors.reason(e) + ").", e);
    }
}
