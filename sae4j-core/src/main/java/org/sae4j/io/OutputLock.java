package org.sae4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;

/**
 * The lock a run holds on its output while it writes it: {@code OUT.lock} beside the output, locked with
 * {@link FileChannel#tryLock} and holding the owner's pid and command line. The operating system drops the lock
 * when its process dies however it dies, so a lock file left by a killed run is stale and the next run takes it
 * over; a live one makes a second run on the same output refuse in one sentence instead of both reporting success
 * while the later silently wins. Taking the lock also removes the temp files that saves of this output left when
 * they were killed mid-write (a 300 MB checkpoint of a wide SAE): with the lock held, no save of it is under way.
 */
public final class OutputLock implements AutoCloseable {
    private static final String SUFFIX = ".lock";
    private static final int ATTEMPTS = 3;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code output} (beside the file a symlink points to). */
    public static Path of(Path output) {
        Path target = target(output);
        return target.resolveSibling(target.getFileName() + SUFFIX);
    }

    /**
     * Locks {@code output} for this process, noting {@code command}, and removes the stale temp files of the outputs
     * in {@code alsoClean} (the output's own included); null when the output is a device or pipe, which is written
     * straight and has no folder of its own to lock in. Refuses, in one sentence, an output a live run holds.
     */
    public static OutputLock acquire(Path output, String command, Path... alsoClean) {
        if (Files.exists(target(output)) && !Files.isRegularFile(target(output))) {
            return null;
        }
        Path file = of(output);
        try {
            Files.createDirectories(file.getParent());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                OutputLock held = tryOnce(output, file, command);
                if (held != null) {
                    AtomicFiles.removeTempFiles(output);
                    for (Path p : alsoClean) {
                        AtomicFiles.removeTempFiles(p);
                    }
                    return held;
                }
            }
            throw new InvalidInputException("Cannot lock '" + file + "': another run keeps replacing it; expected one "
                    + "sae4j run per output.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot lock the output '" + output + "' with '" + file + "' ("
                    + IoErrors.reason(e) + "); expected a writable folder.", e);
        }
    }

    /**
     * The command line a dead run noted in the lock file of {@code output} (null when there is none), the file left
     * as it is; refuses an output a live run holds, as {@link #acquire} does.
     */
    public static String staleCommand(Path output) {
        Path file = of(output);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                probe = null;
            }
            if (probe == null) {
                throw refused(output, file);
            }
            probe.release();
            String[] text = Files.readString(file, StandardCharsets.UTF_8).split("\n", 2);
            return text.length == 2 && !text[1].isBlank() ? text[1].strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static InvalidInputException refused(Path output, Path file) {
        return new InvalidInputException(String.format("Another sae4j run%s is writing '%s' now; wait for it to end or "
                + "stop it, or give this run another --out.", owner(file), output));
    }

    /** One try: null when the file was replaced under us (the caller tries again), else the lock held. */
    private static OutputLock tryOnce(Path output, Path file, String command) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Object opened = key(file);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it: another run in-process
            }
            if (lock == null) {
                throw refused(output, file);
            }
            // A run that just ended deletes its lock file: ours may be that deleted file, then lock the new one.
            if (!Objects.equals(opened, key(file))) {
                lock.release();
                ch.close();
                return null;
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n" + command + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new OutputLock(file, ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** " (pid N)" from the lock file of a live run, or nothing when it cannot be read. */
    private static String owner(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).split("\n", 2)[0].strip();
            return pid.matches("[0-9]+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Object key(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path target(Path output) {
        try {
            return AtomicFiles.followLinks(output.toAbsolutePath());
        } catch (IOException e) {
            return output.toAbsolutePath();
        }
    }

    /** Deletes the lock file, then releases the lock: a run waiting on the old file sees it is gone and tries again. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale lock file is taken over by the next run
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing releases it too, and the process's end at the latest
        }
    }
}
