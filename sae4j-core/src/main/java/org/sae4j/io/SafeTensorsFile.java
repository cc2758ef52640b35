package org.sae4j.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;
import org.sae4j.InvalidInputException;

/**
 * The contents of one safetensors file: string metadata and tensors, both in file order.
 * {@code file} is kept so lookups can name it in error messages.
 */
public record SafeTensorsFile(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) {
    private static final int NAMES_SHOWN = 20;

    public SafeTensorsFile {
        // Read-only views that keep file order.
        metadata = Collections.unmodifiableMap(metadata);
        tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * The tensor called {@code name}, checked against {@code shape}; a dimension of -1 matches any size.
     * With no shape given, any shape is accepted.
     *
     * @throws InvalidInputException if the tensor is missing or has another shape
     */
    public Tensor require(String name, long... shape) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new InvalidInputException("File '" + file + "' has no tensor '" + name
                    + "'; expected one of " + namesForMessage() + ".");
        }
        if (shape.length > 0 && !matches(t.shape(), shape)) {
            throw new InvalidInputException("Tensor '" + name + "' in file '" + file + "' has shape "
                    + Arrays.toString(t.shape()) + "; expected " + pattern(shape) + ".");
        }
        return t;
    }

    /** The metadata value for {@code key}, or an error naming the file if it is absent. */
    public String requireMetadata(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new InvalidInputException("File '" + file + "' has no metadata entry '" + key
                    + "'; expected it in the safetensors __metadata__ header.");
        }
        return v;
    }

    private static String pattern(long[] shape) {
        return Arrays.stream(shape).mapToObj(d -> d == -1 ? "*" : Long.toString(d))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static boolean matches(long[] actual, long[] expected) {
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (expected[i] != -1 && expected[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    private String namesForMessage() {
        if (tensors.isEmpty()) {
            return "nothing (the file holds no tensors)";
        }
        String shown = tensors.keySet().stream().limit(NAMES_SHOWN).map(n -> "'" + n + "'")
                .collect(Collectors.joining(", "));
        return tensors.size() > NAMES_SHOWN ? shown + " and " + (tensors.size() - NAMES_SHOWN) + " more" : shown;
    }
}
