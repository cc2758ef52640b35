package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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

    @Test
    void symlinkTargetIsReplacedAndTheLinkKept() throws Exception {
        Path real = dir.resolve("real.bin");
        Files.write(real, new byte[] {1});
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), real.getFileName());
        AtomicFiles.write(link, out -> out.write(2));
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(real));

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.bin"), dir.resolve("later.bin"));
        AtomicFiles.write(dangling, out -> out.write(3));
        assertTrue(Files.isSymbolicLink(dangling));
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(dir.resolve("later.bin")));
    }

    @Test
    void specialFileIsWrittenToNotReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor() == 0, "needs mkfifo");
        byte[][] received = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                received[0] = Files.readAllBytes(fifo);
            } catch (IOException e) {
                received[0] = new byte[0];
            }
        });
        reader.setDaemon(true); // if the pipe were replaced, nothing would ever open it for writing
        reader.start();
        AtomicFiles.write(fifo, out -> out.write(new byte[] {7, 8}));
        assertTrue(!Files.isRegularFile(fifo) && Files.exists(fifo), "the pipe is still a pipe");
        reader.join();
        assertArrayEquals(new byte[] {7, 8}, received[0]);
    }

    @Test
    void tempFilesOfACrashedSaveAreRemovedByTheNextSave() throws Exception {
        Path f = dir.resolve("m.bin");
        Path stray = Files.write(dir.resolve(".m.bin.123456.tmp"), new byte[10]);
        Files.setLastModifiedTime(stray, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        // A temp file newer than this process may belong to a save in progress elsewhere: left alone.
        Path live = Files.write(dir.resolve(".m.bin.654321.tmp"), new byte[10]);
        Files.setLastModifiedTime(live, FileTime.from(Instant.now().plusSeconds(3600)));
        Path unrelated = Files.write(dir.resolve(".other.bin.1.tmp"), new byte[1]);
        Files.setLastModifiedTime(unrelated, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        AtomicFiles.write(f, out -> out.write(1));
        assertEquals(List.of(live, unrelated, f), listing());
    }
}
