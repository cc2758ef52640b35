package org.sae4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.format.SafeTensorsHeader;

/**
 * Reads and writes the Hugging Face safetensors format: an 8-byte little-endian header length N,
 * N bytes of UTF-8 JSON (padded with spaces to a multiple of 8), then the tensors' little-endian bytes
 * packed back to back. See https://github.com/huggingface/safetensors.
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /**
     * Atomically writes {@code tensors} (as F32, in iteration order) and {@code metadata} (first, in
     * iteration order) to {@code file}, creating parent directories. Identical inputs give identical bytes,
     * so pass ordered maps (LinkedHashMap, TreeMap) for reproducible files.
     *
     * @throws InvalidInputException if the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        check(tensors, metadata);
        try {
            AtomicFiles.write(file, out -> SafeTensorsWriter.write(out, tensors, metadata));
        } catch (IOException e) {
            throw new InvalidInputException("File '" + file + "' could not be written (" + IoErrors.reason(e)
                    + ").", e);
        }
    }

    /** {@link #write(Path, Map, Map)} without metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) {
        write(file, tensors, Map.of());
    }

    /**
     * Reads every tensor of {@code file} into floats, converting from F64, F16, BF16, I32 or I64.
     *
     * @throws InvalidInputException if the file is missing, unreadable or not valid safetensors
     */
    public static SafeTensorsFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("Path '" + file + "' is a directory; expected a safetensors file.");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafeTensorsReader.read(file, ch);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Safetensors file '" + file + "' does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("Safetensors file '" + file + "' cannot be read (permission denied).", e);
        } catch (IOException e) {
            throw new InvalidInputException("Safetensors file '" + file + "' could not be read ("
                    + IoErrors.reason(e) + ").", e);
        }
    }

    // Misuse by calling code, not bad user input, so these are IllegalArgumentExceptions.
    private static void check(Map<String, Tensor> tensors, Map<String, String> metadata) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("Tensor names and tensors must not be null.");
            }
            if (e.getKey().equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("A tensor cannot be named '" + SafeTensorsHeader.METADATA_KEY
                        + "'; that key is reserved for metadata.");
            }
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("Metadata keys and values must not be null.");
            }
        }
    }
}
