package org.sae4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;

/** Opening user files with the one-sentence errors every reader shares. */
final class DataFiles {
    private DataFiles() {
    }

    /** Opens a buffered stream, turning "missing", "a directory" and I/O failures into user errors. */
    static InputStream open(Path path) {
        requireFile(path);
        try {
            return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (IOException e) {
            throw unreadable(path.toString(), e);
        }
    }

    static void requireFile(Path path) {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("File '" + path + "' is a directory; expected a data file.");
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException("File '" + path + "' does not exist.");
        }
    }

    static InvalidInputException unreadable(String name, IOException e) {
        String why = IoErrors.reason(e);
        return new InvalidInputException("File '" + name + "' could not be read (" + why + ").", e);
    }

    /** Reads up to {@code n} leading bytes without consuming them, for format sniffing. */
    static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] head = in.readNBytes(n);
        in.reset();
        return head;
    }
}
