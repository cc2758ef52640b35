package org.sae4j.io.interchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * A Python tool's cfg.json, read with one-sentence errors that name the file and key. Python's json module
 * writes NaN and Infinity bare, so those are accepted; duplicate keys and trailing text are not.
 */
final class CfgJson {
    /** Far above any real config (a few KB), low enough that a wrong file cannot exhaust the heap. */
    static final long MAX_BYTES = 16L << 20;
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Path file;
    private final ObjectNode root;

    private CfgJson(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    static CfgJson read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidInputException("File '" + file + "' is " + size + " bytes; expected a cfg.json of at most "
                        + MAX_BYTES + " bytes.");
            }
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                throw new InvalidInputException("File '" + file + "' holds " + (root == null ? "nothing"
                        : "a JSON " + root.getNodeType().toString().toLowerCase()) + "; expected a JSON object.");
            }
            return new CfgJson(file, (ObjectNode) root);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("File '" + file + "' does not exist; expected the SAE's config.", e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("File '" + file + "' is not valid JSON (" + oneLine(e.getOriginalMessage())
                    + "); expected a JSON object.", e);
        } catch (IOException e) {
            throw new InvalidInputException("File '" + file + "' could not be read (" + e + ").", e);
        }
    }

    Path file() {
        return file;
    }

    boolean has(String key) {
        JsonNode v = root.get(key);
        return v != null && !v.isNull();
    }

    JsonNode get(String key) {
        return root.get(key);
    }

    int requireInt(String key) {
        if (!has(key)) {
            throw new InvalidInputException("File '" + file + "' has no key '" + key + "'; expected an integer.");
        }
        return intValue(key, root.get(key));
    }

    Integer optInt(String key) {
        return has(key) ? intValue(key, root.get(key)) : null;
    }

    boolean optBool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = root.get(key);
        if (!v.isBoolean()) {
            throw new InvalidInputException("File '" + file + "' has key '" + key + "' = " + v + "; expected true or false.");
        }
        return v.booleanValue();
    }

    String optString(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = root.get(key);
        if (!v.isTextual()) {
            throw new InvalidInputException("File '" + file + "' has key '" + key + "' = " + v + "; expected a string.");
        }
        return v.textValue();
    }

    /** The object under {@code key} as plain Java values (Map, List, String, Number, Boolean, null). */
    Map<String, Object> optObject(String key) {
        if (!has(key)) {
            return new LinkedHashMap<>();
        }
        JsonNode v = root.get(key);
        if (!v.isObject()) {
            throw new InvalidInputException("File '" + file + "' has key '" + key + "' = " + v + "; expected an object.");
        }
        return plain(v);
    }

    /** Every top-level entry as plain Java values. */
    Map<String, Object> all() {
        return plain(root);
    }

    int intValue(String key, JsonNode v) {
        // Python writes 16384.0 for a float that happens to be whole; accept it, reject 16384.5 and "16384".
        if (v.isNumber() && v.canConvertToInt() && v.doubleValue() == Math.rint(v.doubleValue())) {
            return v.intValue();
        }
        throw new InvalidInputException("File '" + file + "' has key '" + key + "' = " + v + "; expected an integer.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(JsonNode node) {
        return new LinkedHashMap<>(JSON.convertValue(node, Map.class));
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("\\s+", " ").strip();
    }
}
