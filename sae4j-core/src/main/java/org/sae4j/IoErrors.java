package org.sae4j;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The operating system's reason for a failed file operation, in words a user reads: "permission denied",
 * "no space left on device". Java's own messages name exception classes or the temp file that failed,
 * neither of which means anything to the person who typed the path.
 */
public final class IoErrors {
    private IoErrors() {
    }

    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file stands where a folder is needed"; // what createDirectories reports
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return lower(fs.getReason());
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? "input/output error" : lower(msg);
    }

    // "Read-only file system" reads better mid-sentence in lower case.
    private static String lower(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
