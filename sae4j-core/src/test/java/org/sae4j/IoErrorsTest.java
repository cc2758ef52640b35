package org.sae4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    @Test
    void givesTheOperatingSystemsReasonWithoutClassOrTempFileNames() {
        assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/out/.m.safetensors.123.tmp")));
        assertEquals("no such file or folder", IoErrors.reason(new NoSuchFileException("/x/.m.1.tmp")));
        assertEquals("read-only file system",
                IoErrors.reason(new FileSystemException("/x/.m.1.tmp", null, "Read-only file system")));
        assertEquals("no space left on device", IoErrors.reason(new IOException("No space left on device")));
        assertEquals("input/output error", IoErrors.reason(new IOException()));
    }
}
