package org.sae4j.report.browse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sae4j.InvalidInputException;

/**
 * Where a site is written: a hidden temp folder beside the target, filled, then renamed into place, so a reader
 * (or a crash) sees the old site or the new one, never half of one. A folder is only replaced when it is empty
 * or an earlier site (it holds the {@value #MARKER} file), so a mistyped {@code --out} never deletes a user's files.
 */
final class SiteFolder {
    /** The file that marks a folder as a site sae4j wrote and may replace. */
    static final String MARKER = ".sae4j-browse";

    private final Path target;
    private final Path temp;

    private SiteFolder(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Refuses a target that is a file or a folder of other things; starts the temp folder. */
    static SiteFolder start(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidInputException("Output '" + target + "' is a file; expected a folder for the site.");
        }
        if (Files.isDirectory(abs) && !Files.exists(abs.resolve(MARKER))) {
            try (Stream<Path> s = Files.list(abs)) {
                if (s.findAny().isPresent()) {
                    throw new InvalidInputException("Folder '" + target + "' holds other files; expected a new or "
                            + "empty folder, or a site sae4j browse wrote before (it is replaced).");
                }
            }
        }
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
        Files.writeString(temp.resolve(MARKER), "A feature browser written by sae4j browse; the folder is replaced "
                + "when it runs again.\n", StandardCharsets.UTF_8);
        return new SiteFolder(abs, temp);
    }

    /** The folder to write into until {@link #commit}. */
    Path dir() {
        return temp;
    }

    void write(String relative, String text) throws IOException {
        Path p = temp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** Puts the new site in place of the old one and removes the old one. */
    Path commit() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            delete(old);
        }
        return target;
    }

    /** Removes the temp folder after a failure. */
    void abandon() {
        try {
            delete(temp);
        } catch (IOException ignored) {
            // best effort: a leftover hidden temp folder is harmless and is named as such
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
