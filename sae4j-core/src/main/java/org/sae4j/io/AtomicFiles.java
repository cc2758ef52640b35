package org.sae4j.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers (and a crash) only ever see the old complete file or the new complete
 * file: the bytes go to a temp file in the same directory (same filesystem, so the rename is atomic),
 * are forced to disk, and the temp file is then renamed over the target.
 *
 * <p>A symlink is followed, so its target is what gets replaced, not the link. A device, pipe or other
 * special file is never replaced (renaming over {@code /dev/null} as root would delete the device): the
 * bytes are written straight to it. Temp files that an earlier, crashed save left beside the target are
 * removed after the next successful save.
 */
public final class AtomicFiles {
    private static final int BUFFER = 1 << 16;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int MAX_LINKS = 40;
    /**
     * Test hook: a file name suffix (".ckpt"); writes to targets whose name ends with it fail part-way with "No space
     * left on device", as on a full disk, so tests can show that such a failure costs nothing already written.
     */
    static final String DISK_FULL_PROPERTY = "sae4j.test.diskFullFor";

    private AtomicFiles() {
    }

    /**
     * Creates parent directories, lets {@code writer} fill the stream, and atomically replaces {@code file}.
     * If {@code writer} throws, {@code file} is untouched and the temp file is deleted. The stream handed
     * to {@code writer} is buffered; closing it is allowed but not needed.
     */
    public static void write(Path file, IoConsumer<OutputStream> writer) throws IOException {
        Path target = followLinks(file.toAbsolutePath());
        if (Files.isDirectory(target)) {
            throw new FileSystemException(file.toString(), null, "it is a folder");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            writeStraight(target, writer);
            return;
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Dot-prefixed so directory listings and globs for *.safetensors skip it.
        Path tmp = Files.createTempFile(dir, tempPrefix(target), TEMP_SUFFIX);
        try {
            shareLikeANewFile(tmp, target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(diskFullHook(target, Channels.newOutputStream(ch)), BUFFER);
                writer.accept(new UnclosableStream(out));
                out.flush();
                ch.force(true);
            }
            move(tmp, target);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                t.addSuppressed(suppressed);
            }
            throw t;
        }
        syncDirectory(dir);
        removeStrayTempFiles(target);
    }

    /**
     * Deletes every temp file a save of {@code target} may have left, whatever its age: a run that was killed while
     * writing a 300 MB checkpoint leaves one that no later save of another process would otherwise remove. Only for
     * a caller that knows no save of {@code target} is under way (it holds the output's lock).
     */
    public static int removeTempFiles(Path target) throws IOException {
        Path resolved = followLinks(target.toAbsolutePath());
        int removed = 0;
        try (DirectoryStream<Path> strays = Files.newDirectoryStream(resolved.getParent(), tempFilesOf(resolved))) {
            for (Path p : strays) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return 0; // no folder yet: nothing was ever written there
        }
        return removed;
    }

    /** The path a chain of symlinks ends at (which need not exist yet). */
    static Path followLinks(Path path) throws IOException {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    private static void writeStraight(Path target, IoConsumer<OutputStream> writer) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE),
                BUFFER)) {
            writer.accept(new UnclosableStream(out));
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Deletes this target's temp files that are older than this process: those were left by a save that
     * crashed (one running now, in this or another process, has a newer file).
     */
    private static void removeStrayTempFiles(Path target) {
        java.time.Instant started = ProcessHandle.current().info().startInstant().orElse(null);
        if (started == null) {
            return;
        }
        try (DirectoryStream<Path> strays = Files.newDirectoryStream(target.getParent(), tempFilesOf(target))) {
            for (Path p : strays) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(started)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort: the save itself succeeded
        }
    }

    /** The temp files a save of {@code target} creates: ".NAME.<digits>.tmp" beside it. */
    private static DirectoryStream.Filter<Path> tempFilesOf(Path target) {
        String prefix = tempPrefix(target);
        return p -> {
            String name = p.getFileName().toString();
            return name.length() > prefix.length() + TEMP_SUFFIX.length() && name.startsWith(prefix)
                    && name.endsWith(TEMP_SUFFIX)
                    && name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length()).matches("[0-9]+");
        };
    }

    /** The stream unchanged, unless the {@link #DISK_FULL_PROPERTY} test hook names this target. */
    private static OutputStream diskFullHook(Path target, OutputStream out) {
        String suffix = System.getProperty(DISK_FULL_PROPERTY);
        if (suffix == null || suffix.isEmpty() || !target.getFileName().toString().endsWith(suffix)) {
            return out;
        }
        return new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 4096) {
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
                written += len;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }

    /**
     * Temp files are created owner-only (0600); models and reports are meant to be shared, so give the new
     * file the target's permissions, or the usual rw-r--r-- for a new file, where POSIX permissions exist.
     */
    private static void shareLikeANewFile(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // Makes the rename itself durable on POSIX; some platforms (Windows) cannot open a directory, which is fine.
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort only
        }
    }

    /** Keeps the writer from closing the channel before we flush and force it. */
    private static final class UnclosableStream extends FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len); // FilterOutputStream would write byte by byte
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
