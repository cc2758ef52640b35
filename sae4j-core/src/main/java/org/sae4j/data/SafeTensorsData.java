package org.sae4j.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.sae4j.InvalidInputException;

/**
 * Reads one 2-D tensor [samples, features] of a .safetensors file (F32, F16, BF16 or F64) as a dataset:
 * the only tensor, or the one named in {@code file.safetensors:NAME}.
 *
 * <p>Why not io/SafeTensors: data/ is the bottom layer and must not import io/. io/'s reader also loads
 * every tensor of a model file, while an activations file may hold several large tensors of which we want
 * one, so this reader parses just the header entry it needs and streams that tensor alone. The checks that
 * keep bad files from allocating (header length, offsets within the file, bytes = shape x width) are the
 * same; the whole-file layout checks stay with io/'s model reader.
 */
public final class SafeTensorsData {
    private static final long MAX_HEADER_BYTES = 100_000_000L; // the reference implementation's cap
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private SafeTensorsData() {
    }

    /**
     * Where a 2-D tensor's values lie in a safetensors file, checked against the file's size without reading
     * them: what both {@link #read} and the streamed shards need.
     *
     * @param dataOffset byte position of the first value in the file
     */
    record Layout(String label, String tensor, NumberType type, long rows, long cols, long dataOffset) {
    }

    /** The layout of tensor {@code tensor} of {@code path}, or of its only tensor when {@code tensor} is null. */
    static Layout locate(Path path, String tensor) {
        DataFiles.requireFile(path);
        String file = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 8 || ch.read(prefix, 0) < 8) {
                throw new InvalidInputException("File '" + file + "' is " + size
                        + " bytes long; expected a safetensors file of at least 8 bytes.");
            }
            long headerLength = prefix.flip().getLong();
            if (headerLength < 0 || headerLength > Math.min(MAX_HEADER_BYTES, size - 8)) {
                throw new InvalidInputException("File '" + file + "' declares a " + Long.toUnsignedString(headerLength)
                        + "-byte header in a " + size + "-byte file; expected a safetensors file.");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            while (header.hasRemaining()) {
                if (ch.read(header, 8 + header.position()) < 0) {
                    throw new InvalidInputException("File '" + file + "' ended inside its header; expected a complete file.");
                }
            }
            Map<String, JsonNode> entries = entries(file, header.array());
            String name = choose(file, entries, tensor);
            String where = "Tensor '" + name + "' in file '" + file + "'";
            JsonNode e = entries.get(name);
            NumberType type = type(where, e.path("dtype").asText(""));
            long[] shape = longs(where, e.get("shape"), "shape");
            long[] offsets = longs(where, e.get("data_offsets"), "data_offsets");
            if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
                throw new InvalidInputException(where + " has shape " + e.get("shape")
                        + "; expected two dimensions [samples, features], each at least 1.");
            }
            long dataStart = 8 + headerLength;
            boolean overflows = shape[0] > Long.MAX_VALUE / shape[1] / type.bytes;
            if (overflows || offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > size - dataStart
                    || offsets[1] - offsets[0] != shape[0] * shape[1] * type.bytes) {
                throw new InvalidInputException(where + " has data_offsets " + e.get("data_offsets") + "; expected "
                        + (overflows ? "" : shape[0] * shape[1] * type.bytes + " ") + "bytes for shape " + e.get("shape")
                        + " within the " + (size - dataStart) + "-byte data buffer.");
            }
            String label = tensor == null ? file : file + ":" + name;
            return new Layout(label, name, type, shape[0], shape[1], dataStart + offsets[0]);
        } catch (IOException ex) {
            throw DataFiles.unreadable(file, ex);
        }
    }

    /** Reads the tensor {@code tensor} of {@code path}, or its only tensor when {@code tensor} is null. */
    public static Dataset read(Path path, String tensor) {
        Layout l = locate(path, tensor);
        String file = path.toString();
        if (l.cols() > Integer.MAX_VALUE || l.rows() > (Integer.MAX_VALUE - 8) / l.cols()) {
            throw new InvalidInputException("Tensor '" + l.tensor() + "' in file '" + file + "' has shape [" + l.rows()
                    + ", " + l.cols() + "], which is more values than fit in one array; expected at most about 2 billion"
                    + " (a folder of shards streams instead).");
        }
        float[] values = new float[(int) (l.rows() * l.cols())];
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(ch.position(l.dataOffset()));
            if (BinaryValues.readInto(new BufferedInputStream(in, 1 << 16), l.type(), ByteOrder.LITTLE_ENDIAN,
                    values) < values.length) {
                throw new InvalidInputException("File '" + file + "' ended inside tensor '" + l.tensor()
                        + "'; expected a complete file.");
            }
        } catch (IOException ex) {
            throw DataFiles.unreadable(file, ex);
        }
        return new Dataset(l.label(), values, (int) l.rows(), (int) l.cols());
    }

    private static Map<String, JsonNode> entries(String file, byte[] json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException ex) {
            throw new InvalidInputException("File '" + file + "' has a safetensors header that is not valid JSON ("
                    + ex.getOriginalMessage() + "); expected a JSON object.", ex);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("File '" + file
                    + "' has a safetensors header that is not a JSON object; expected a safetensors file.");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.properties().forEach(p -> {
            if (!p.getKey().equals("__metadata__")) {
                out.put(p.getKey(), p.getValue());
            }
        });
        return out;
    }

    private static String choose(String file, Map<String, JsonNode> entries, String tensor) {
        String names = entries.keySet().stream().limit(20).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        if (entries.isEmpty()) {
            throw new InvalidInputException("File '" + file + "' holds no tensors; expected a 2-D tensor of samples.");
        }
        if (tensor != null) {
            if (!entries.containsKey(tensor) || !entries.get(tensor).isObject()) {
                throw new InvalidInputException("File '" + file + "' has no tensor '" + tensor
                        + "'; expected one of " + names + ".");
            }
            return tensor;
        }
        if (entries.size() > 1) {
            throw new InvalidInputException("File '" + file + "' holds " + entries.size() + " tensors (" + names
                    + "); expected one, or name it as '" + file + ":NAME'.");
        }
        String only = entries.keySet().iterator().next();
        if (!entries.get(only).isObject()) {
            throw new InvalidInputException("Tensor '" + only + "' in file '" + file
                    + "' has a header entry that is not an object; expected dtype, shape and data_offsets.");
        }
        return only;
    }

    private static NumberType type(String where, String dtype) {
        return switch (dtype) {
            case "F32" -> NumberType.FLOAT32;
            case "F16" -> NumberType.FLOAT16;
            case "BF16" -> NumberType.BFLOAT16;
            case "F64" -> NumberType.FLOAT64;
            default -> throw new InvalidInputException(where + " has dtype '" + dtype
                    + "'; expected F32, F16, BF16 or F64.");
        };
    }

    private static long[] longs(String where, JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new InvalidInputException(where + " has no " + field + " array; expected an array of integers.");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new InvalidInputException(where + " has " + field + " " + node
                        + "; expected non-negative integers.");
            }
            out[i] = v.longValue();
        }
        return out;
    }
}
