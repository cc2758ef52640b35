package org.sae4j.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.sae4j.io.AtomicFiles;
import org.sae4j.io.IoConsumer;

/**
 * Writes one report file atomically, then makes it world-readable. {@link AtomicFiles} writes through a
 * temp file, which the JDK creates owner-only (0600); a report is meant to be shared or served as static
 * pages, so it gets the usual 0644 where the file system has POSIX permissions.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    static void write(Path file, IoConsumer<OutputStream> writer) throws IOException {
        AtomicFiles.write(file, writer);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
