package org.sae4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;

/**
 * Checks that an output can be written before any data is loaded or any epoch trained, so a typo in
 * {@code -o} costs a second, not a training run. The check creates and deletes a probe file where the
 * output will go, which catches read-only file systems and permissions alike (even for root).
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** For an output file written with {@link AtomicFiles}. */
    public static void requireWritableFile(Path file) {
        Path target = resolve(file);
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("Output '" + file + "' is a folder; expected a file name.");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            if (!Files.isWritable(target)) {
                throw new InvalidInputException("Output '" + file + "' cannot be written (permission denied).");
            }
            return; // a device or pipe, written straight to
        }
        probe(file, target.toAbsolutePath().getParent());
    }

    /** For an output folder that will be created if missing. */
    public static void requireWritableFolder(Path folder) {
        Path target = resolve(folder);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException("Output '" + folder + "' is a file; expected a folder.");
        }
        probe(folder, target.toAbsolutePath());
    }

    private static Path resolve(Path path) {
        try {
            return AtomicFiles.followLinks(path.toAbsolutePath());
        } catch (IOException e) {
            throw new InvalidInputException("Output '" + path + "' cannot be written (" + IoErrors.reason(e) + ").", e);
        }
    }

    /** Writes and deletes a file in {@code dir}, or in its nearest existing ancestor if it is still to be made. */
    private static void probe(Path output, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new InvalidInputException("Output '" + output + "' cannot be written: '" + existing
                    + "' is a file, not a folder.");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".sae4j-probe.", ".tmp"));
        } catch (IOException e) {
            throw new InvalidInputException("Output '" + output + "' cannot be written (" + IoErrors.reason(e) + ").",
                    e);
        }
    }
}
