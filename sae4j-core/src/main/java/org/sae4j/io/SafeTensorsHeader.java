package org.sae4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * Parses and validates the JSON header of a safetensors file, before any tensor data is touched,
 * so a malformed file fails fast with one sentence instead of a half-loaded model.
 */
record SafeTensorsHeader(Map<String, String> metadata, List<Entry> entries) {
    static final String METADATA_KEY = "__metadata__";

    // Duplicate names and trailing garbage are ambiguous, so reject them rather than pick a winner.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One tensor's header entry; offsets are relative to the start of the data buffer. */
    record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        int numel() {
            return (int) Tensor.numel(shape);
        }
    }

    static SafeTensorsHeader parse(Path file, byte[] json, long bufferLength) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("File '" + file + "' has a safetensors header that is not valid JSON ("
                    + e.getOriginalMessage() + "); expected a JSON object.", e);
        } catch (IOException e) {
            throw new InvalidInputException("File '" + file + "' has a safetensors header that could not be parsed ("
                    + e.getMessage() + "); expected a JSON object.", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("File '" + file + "' has a safetensors header that is a JSON "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase())
                    + "; expected a JSON object.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(readEntry(file, field.getKey(), field.getValue(), bufferLength));
            }
        }
        checkLayout(file, entries, bufferLength);
        return new SafeTensorsHeader(metadata, entries);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new InvalidInputException("File '" + file + "' has a " + METADATA_KEY + " header entry that is "
                    + describe(node) + "; expected an object of string values.");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new InvalidInputException("File '" + file + "' has metadata key '" + e.getKey()
                        + "' with value " + describe(e.getValue()) + "; expected a string.");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Entry readEntry(Path file, String name, JsonNode node, long bufferLength) {
        String where = "Tensor '" + name + "' in file '" + file + "'";
        if (!node.isObject()) {
            throw new InvalidInputException(where + " has a header entry that is " + describe(node)
                    + "; expected an object with dtype, shape and data_offsets.");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new InvalidInputException(where + " has " + (dtypeNode == null ? "no dtype" : "dtype "
                    + describe(dtypeNode)) + "; expected a string such as \"F32\".");
        }
        DType dtype = DType.parse(dtypeNode.textValue()).orElseThrow(() -> new InvalidInputException(where
                + " has unsupported dtype '" + dtypeNode.textValue() + "'; expected one of " + DType.names() + "."));
        long[] shape = longs(where, node, "shape", -1, "an array of non-negative integers");
        long[] offsets = longs(where, node, "data_offsets", 2, "an array [begin, end] of non-negative integers");
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new InvalidInputException(where + " has data_offsets [" + begin + ", " + end
                    + "] that end before they begin; expected begin <= end.");
        }
        if (end > bufferLength) {
            throw new InvalidInputException(where + " has data_offsets [" + begin + ", " + end
                    + "] past the end of the " + bufferLength + "-byte data buffer; expected end <= "
                    + bufferLength + ".");
        }
        long numel = Tensor.numel(shape);
        if (numel < 0 || numel > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(where + " has shape " + Arrays.toString(shape)
                    + " with too many elements to load; expected at most " + (Integer.MAX_VALUE - 8) + ".");
        }
        long need = numel * dtype.bytes();
        if (end - begin != need) {
            throw new InvalidInputException(where + " has data_offsets [" + begin + ", " + end + "] covering "
                    + (end - begin) + " bytes; expected " + need + " bytes for shape " + Arrays.toString(shape)
                    + " of " + dtype + ".");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** Reads an integer array field; {@code length} -1 means any length. */
    private static long[] longs(String where, JsonNode entry, String field, int length, String expected) {
        JsonNode node = entry.get(field);
        if (node == null) {
            throw new InvalidInputException(where + " has no " + field + "; expected " + expected + ".");
        }
        if (!node.isArray() || (length >= 0 && node.size() != length)) {
            throw new InvalidInputException(where + " has " + field + " " + node + "; expected " + expected + ".");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new InvalidInputException(where + " has " + field + " " + node + "; expected " + expected + ".");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    // The spec forbids overlaps and holes: sorted by offset, each tensor starts where the last ended
    // and the last ends at the end of the file.
    private static void checkLayout(Path file, List<Entry> entries, long bufferLength) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expectedBegin = 0;
        String previous = null;
        for (Entry e : sorted) {
            if (e.begin() < expectedBegin) {
                throw new InvalidInputException("Tensors '" + previous + "' and '" + e.name() + "' in file '" + file
                        + "' overlap in the data buffer at byte " + e.begin()
                        + "; expected tensors packed back to back.");
            }
            if (e.begin() > expectedBegin) {
                throw new InvalidInputException("File '" + file + "' has a " + (e.begin() - expectedBegin)
                        + "-byte gap in its data buffer before tensor '" + e.name()
                        + "'; expected tensors packed back to back from byte 0.");
            }
            expectedBegin = e.end();
            previous = e.name();
        }
        if (expectedBegin != bufferLength) {
            throw new InvalidInputException("File '" + file + "' has " + (bufferLength - expectedBegin)
                    + " bytes after its last tensor's data; expected the tensors to fill the data buffer exactly.");
        }
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? node.getNodeType().toString().toLowerCase() + " " + text.substring(0, 57) + "..."
                : text;
    }
}
