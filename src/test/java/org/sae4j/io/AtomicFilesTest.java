package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplaces() throws Exception {
        Path f = dir.resolve("a/b/c.bin");
        AtomicFiles.write(f, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        AtomicFiles.write(f, out -> {
            out.write(9);
            out.close(); // closing early must not break the flush and fsync
        });
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void failingWriterLeavesOldFileAndNoTempFile() throws Exception {
        Path f = dir.resolve("ckpt.safetensors");
        Files.write(f, new byte[] {4, 5, 6});
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]); // more than the buffer, so bytes really reached the temp file
            throw boom;
        }));
        assertSame(boom, thrown);
        assertArrayEquals(new byte[] {4, 5, 6}, Files.readAllBytes(f));
        assertEquals(List.of(f), listing());

        RuntimeException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            throw bug;
        })));
        assertArrayEquals(new byte[] {4, 5, 6}, Files.readAllBytes(f));
        assertEquals(List.of(f), listing());
    }

    @Test
    void failingWriterForNewFileLeavesNothing() throws Exception {
        Path f = dir.resolve("new.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            throw new IOException("nope");
        }));
        assertEquals(List.of(), listing());
    }
}
