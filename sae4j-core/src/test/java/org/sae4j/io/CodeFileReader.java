package org.sae4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.sae4j.tensor.SparseCode;

/**
 * Reads the files of {@link CodeFiles} back for tests, from the raw bytes (not through sae4j's readers, which
 * widen every dtype to float): the codes, the metadata, and each array's dtype and shape as stored.
 */
public final class CodeFileReader {
    /** An array as stored: its dtype ("I64", "<i8", ...), shape and little-endian bytes. */
    public record Array(String dtype, long[] shape, ByteBuffer bytes) {
    }

    /** The codes and, for .safetensors, the metadata; {@code arrays} by name. */
    public record Codes(SparseCode code, Map<String, String> metadata, Map<String, Array> arrays) {
    }

    private CodeFileReader() {
    }

    public static Codes read(Path file) throws IOException {
        return file.toString().endsWith(".npz") ? npz(file) : safeTensors(file);
    }

    private static Codes safeTensors(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) all.getLong(0);
        JsonNode header = new ObjectMapper().readTree(new String(all.array(), 8, headerLength, StandardCharsets.UTF_8));
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Array> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : header.properties()) {
            if (f.getKey().equals("__metadata__")) {
                f.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().textValue()));
                continue;
            }
            JsonNode t = f.getValue();
            long[] shape = new long[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).longValue();
            }
            int begin = 8 + headerLength + t.get("data_offsets").get(0).intValue();
            int end = 8 + headerLength + t.get("data_offsets").get(1).intValue();
            ByteBuffer bytes = ByteBuffer.wrap(java.util.Arrays.copyOfRange(all.array(), begin, end))
                    .order(ByteOrder.LITTLE_ENDIAN);
            arrays.put(f.getKey(), new Array(t.get("dtype").textValue(), shape, bytes));
        }
        int rows = Integer.parseInt(metadata.get("rows"));
        int latents = Integer.parseInt(metadata.get("latents"));
        SparseCode code;
        if (arrays.containsKey("codes")) {
            float[] dense = new float[rows * latents];
            arrays.get("codes").bytes().asFloatBuffer().get(dense);
            code = SparseCode.fromDense(dense, rows, latents);
        } else {
            code = csr(rows, latents, arrays.get("indptr"), arrays.get("indices"), arrays.get("values"));
        }
        return new Codes(code, metadata, arrays);
    }

    private static final Pattern DESCR = Pattern.compile("'descr': '([^']*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([^)]*)\\)");

    private static Codes npz(Path file) throws IOException {
        Map<String, Array> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] b;
                try (InputStream in = zip.getInputStream(e)) {
                    b = in.readAllBytes();
                }
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int headerLength = Short.toUnsignedInt(buf.getShort(8));
                String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
                Matcher d = DESCR.matcher(header);
                Matcher s = SHAPE.matcher(header);
                if (!d.find() || !s.find() || !header.contains("'fortran_order': False")) {
                    throw new IOException("bad npy header in " + e.getName() + ": " + header);
                }
                String[] dims = s.group(1).split(",");
                long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                        .mapToLong(Long::parseLong).toArray();
                ByteBuffer data = ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, 10 + headerLength, b.length))
                        .order(ByteOrder.LITTLE_ENDIAN);
                arrays.put(e.getName().replaceFirst("\\.npy$", ""), new Array(d.group(1), shape, data));
            }
        }
        ByteBuffer shape = arrays.get("shape").bytes();
        SparseCode code = csr((int) shape.getLong(0), (int) shape.getLong(8), arrays.get("indptr"),
                arrays.get("indices"), arrays.get("data"));
        return new Codes(code, new HashMap<>(), arrays);
    }

    private static SparseCode csr(int rows, int latents, Array indptr, Array indices, Array values) {
        int[] start = new int[rows + 1];
        for (int r = 0; r <= rows; r++) {
            start[r] = Math.toIntExact(indptr.bytes().getLong(r * Long.BYTES));
        }
        int[] index = new int[start[rows]];
        float[] value = new float[start[rows]];
        indices.bytes().asIntBuffer().get(index);
        values.bytes().asFloatBuffer().get(value);
        return new SparseCode(rows, latents, start, index, value);
    }
}
