package org.sae4j.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sae4j.tensor.SparseCode;

/**
 * The three CSR arrays of a sparse code of any number of rows, appended chunk by chunk to three files
 * (little-endian, as both output formats store them), so no more than one chunk is ever in memory. Every
 * output format puts its header first and the header needs the entry count, known only at the end; so the
 * arrays wait here and are copied behind the header once it is known.
 *
 * <p>The files sit beside the output and are named like {@link AtomicFiles}' temp files for it: a run that
 * crashes leaves them where the next successful write of that output removes them.
 */
final class CodeSpill implements Closeable {
    private final int latents;
    private final Spill indptr;
    private final Spill indices;
    private final Spill values;
    private long rows;
    private long nonZeros;

    CodeSpill(Path output, int latents) throws IOException {
        this.latents = latents;
        Path dir = spillDir(output);
        String prefix = "." + AtomicFiles.followLinks(output.toAbsolutePath()).getFileName() + ".";
        Spill[] made = new Spill[3];
        try {
            for (int i = 0; i < made.length; i++) {
                made[i] = new Spill(Files.createTempFile(dir, prefix, ".tmp"));
            }
        } catch (IOException e) {
            for (Spill s : made) {
                if (s != null) {
                    s.delete();
                }
            }
            throw e;
        }
        indptr = made[0];
        indices = made[1];
        values = made[2];
        indptr.putLong(0);
    }

    /** Beside the output (same disk, which is sized for the output); a device or pipe's folder is no place, so the temp folder. */
    private static Path spillDir(Path output) throws IOException {
        Path target = AtomicFiles.followLinks(output.toAbsolutePath());
        if (Files.isDirectory(target)) {
            // Before the codes are computed, not after: AtomicFiles would refuse it only at the end.
            throw new java.nio.file.FileSystemException(output.toString(), null, "it is a folder");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
        Files.createDirectories(target.getParent());
        return target.getParent();
    }

    /** Appends the rows of {@code chunk}; entries with value 0 are stored as given. */
    void append(SparseCode chunk) throws IOException {
        if (chunk.width() != latents) {
            throw new IllegalArgumentException("a code of " + chunk.width() + " latents among codes of " + latents);
        }
        int[] start = chunk.rowStart();
        for (int r = 0; r < chunk.rows(); r++) {
            indptr.putLong(nonZeros + start[r + 1] - start[0]);
        }
        int n = start[chunk.rows()] - start[0];
        indices.putInts(chunk.index(), start[0], n);
        values.putFloats(chunk.value(), start[0], n);
        rows += chunk.rows();
        nonZeros += n;
    }

    long rows() {
        return rows;
    }

    long nonZeros() {
        return nonZeros;
    }

    int latents() {
        return latents;
    }

    /** The files, complete on disk, in the order indptr (I64, rows + 1), indices (I32), values (F32). */
    Path[] finish() throws IOException {
        for (Spill s : new Spill[] {indptr, indices, values}) {
            s.finish();
        }
        return new Path[] {indptr.path, indices.path, values.path};
    }

    /** Deletes the files (after they were copied, or on failure). */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Spill s : new Spill[] {indptr, indices, values}) {
            try {
                s.delete();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One array's file, written through a reused little-endian buffer (per-value stream calls are ~10x slower). */
    private static final class Spill {
        private final Path path;
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        Spill(Path path) throws IOException {
            this.path = path;
            FileChannel opened;
            try {
                opened = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(path);
                throw e;
            }
            ch = opened;
        }

        void putLong(long v) throws IOException {
            if (buf.remaining() < Long.BYTES) {
                drain();
            }
            buf.putLong(v);
        }

        void putInts(int[] a, int from, int n) throws IOException {
            for (int i = 0; i < n; ) {
                if (buf.remaining() < Integer.BYTES) {
                    drain();
                }
                int m = Math.min(n - i, buf.remaining() / Integer.BYTES);
                buf.asIntBuffer().put(a, from + i, m);
                buf.position(buf.position() + m * Integer.BYTES);
                i += m;
            }
        }

        void putFloats(float[] a, int from, int n) throws IOException {
            for (int i = 0; i < n; ) {
                if (buf.remaining() < Float.BYTES) {
                    drain();
                }
                int m = Math.min(n - i, buf.remaining() / Float.BYTES);
                buf.asFloatBuffer().put(a, from + i, m);
                buf.position(buf.position() + m * Float.BYTES);
                i += m;
            }
        }

        private void drain() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }

        void finish() throws IOException {
            drain();
            ch.close();
        }

        void delete() throws IOException {
            try {
                ch.close();
            } finally {
                Files.deleteIfExists(path);
            }
        }
    }
}
