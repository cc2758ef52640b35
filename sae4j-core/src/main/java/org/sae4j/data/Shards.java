package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.format.NpyHeader;
import org.sae4j.format.NumberType;

/**
 * One or more shards read as one table: .npy files (float32/float16) and .safetensors files (a 2-D F32, F16,
 * BF16 or F64 tensor: the only one, or the one named by a {@code :NAME} suffix on the folder or glob), a chunk of at most {@link #CHUNK_BYTES} at a time
 * by positional reads, never loaded whole. Not memory-mapped: a mapping stays resident until the collector
 * happens to unmap it, which let a 3.8 GB pass grow the process to 2 GB; reads keep memory at one chunk.
 */
public final class Shards implements RowReader {
    static final int CHUNK_BYTES = 4 << 20;
    static final long MAX_ROW_BYTES = 64L << 20;

    private record Shard(Path path, long offset, long rows, int cols, NumberType type, long firstRow) {
    }

    private final String name;
    private final List<Shard> shards;
    private final int cols;
    private final long rows;
    /** The activation store these shards are the activations of, which knows each row's origin; null for plain files. */
    private ActivationStore store;
    private int openShard = -1;
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private Shards(String name, List<Shard> shards, int cols) {
        this.name = name;
        this.shards = shards;
        this.cols = cols;
        Shard last = shards.get(shards.size() - 1);
        this.rows = last.firstRow + last.rows;
    }

    /**
     * A single .npy or .safetensors file this large streams as a one-shard folder does instead of loading whole,
     * so its size is bounded by the disk, not the heap. A fixed size, not a share of the heap, so whether a file
     * streams (and so its shuffle and held-out rows) never depends on -Xmx and a resumed run reads it as the
     * first did; smaller files load as they always have, bit for bit.
     */
    public static final long STREAM_FILE_BYTES = 64L << 20;

    /**
     * True for sources that stream: a folder, a glob such as {@code acts/*.npy} or {@code shard-0[0-3]*}, or a
     * single .npy or .safetensors file of at least {@link #STREAM_FILE_BYTES} (each optionally {@code :NAME}).
     */
    public static boolean isShardSpec(String spec) {
        String files = files(spec);
        return isGlob(files) || isDirectory(files) || isLargeFile(files);
    }

    /** Glob characters in a path that does not exist as it is written (a file may hold '[' in its name). */
    private static boolean isGlob(String path) {
        return (path.contains("*") || path.contains("?") || path.contains("[") || path.contains("{")) && !exists(path);
    }

    private static boolean isDirectory(String path) {
        try {
            return Files.isDirectory(Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** A regular .npy or .safetensors file of at least {@link #STREAM_FILE_BYTES}. */
    private static boolean isLargeFile(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".npy") && !lower.endsWith(".safetensors")) {
            return false;
        }
        try {
            Path p = Path.of(path);
            return Files.isRegularFile(p) && Files.size(p) >= STREAM_FILE_BYTES;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false; // the loader that reads it whole names the problem
        }
    }

    /** The files part of a spec: a trailing {@code :NAME} (a tensor name, no slashes) is not part of it. */
    private static String files(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && spec.indexOf('/', colon) < 0 && spec.indexOf('\\', colon) < 0 && !exists(spec)) {
            String head = spec.substring(0, colon);
            if (isGlob(head) || isDirectory(head) || (isLargeFile(head) && head.endsWith(".safetensors"))) {
                return head;
            }
        }
        return spec;
    }

    /**
     * Opens a folder of .npy and .safetensors files, a glob of them, or one such file, in name order; an activation
     * store's folder opens as its activations.
     */
    public static Shards open(String spec) {
        if (ActivationStore.isStore(Path.of(spec))) {
            ActivationStore store = ActivationStore.open(Path.of(spec));
            Shards s = open(store.activationsSpec());
            s.store = store;
            return s;
        }
        String filesPart = files(spec);
        String tensor = filesPart.length() < spec.length() ? spec.substring(filesPart.length() + 1) : null;
        List<Path> files = list(filesPart);
        List<Shard> shards = new ArrayList<>();
        int cols = -1;
        long first = 0;
        for (Path f : files) {
            Shard s = f.getFileName().toString().endsWith(".safetensors") ? safetensors(f, tensor, first) : header(f, first);
            int c = s.cols;
            if (cols >= 0 && c != cols) {
                throw new InvalidInputException("Shard '" + f + "' has " + c + " values per row but '" + files.get(0)
                        + "' has " + cols + "; expected every shard to have the same width.");
            }
            cols = c;
            if (s.rows > 0) {
                shards.add(s);
            }
            first += s.rows;
        }
        if (shards.isEmpty()) {
            throw new InvalidInputException("Data '" + spec + "' holds no rows; expected .npy shards with at least one row.");
        }
        return new Shards(spec, shards, cols);
    }

    private static List<Path> list(String spec) {
        Path p = Path.of(spec);
        String glob = "*.{npy,safetensors}";
        if (isGlob(spec)) {
            glob = p.getFileName().toString();
            p = p.getParent() == null ? Path.of(".") : p.getParent();
        } else if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, glob)) {
            ds.forEach(f -> {
                if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")) {
                    files.add(f);
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException("Cannot list the shards '" + spec + "' (" + e.getMessage()
                    + "); expected a readable folder or glob of .npy or .safetensors files.");
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("No .npy or .safetensors files match '" + spec
                    + "'; expected a folder or glob of shards.");
        }
        files.sort(null);
        return files;
    }

    private static Shard header(Path f, long firstRow) {
        String name = f.toString();
        try (InputStream in = Files.newInputStream(f)) {
            NpyHeader h = NpyHeader.read(in, name);
            // The dtypes and shapes the whole-file loader takes, so a file too large to load streams the same rows.
            NumberType type = NpyReader.dtype(h.descr(), name);
            long[] shape = h.shape();
            if (h.fortranOrder() || shape.length == 0) {
                throw new InvalidInputException("Shard '" + name + "' has shape " + NpyHeader.tuple(shape)
                        + (h.fortranOrder() ? " in Fortran order" : "") + "; expected a C-order (rows, features) array.");
            }
            long cols = 1;
            for (int d = 1; d < shape.length && cols <= MAX_ROW_BYTES; d++) {
                cols *= shape[d]; // trailing axes flatten into features, as NpyReader reads (N, 28, 28) as N x 784
            }
            requireRowSize(name, cols, type);
            long need = h.dataOffset() + shape[0] * cols * type.bytes();
            if (Files.size(f) < need) {
                throw new InvalidInputException("Shard '" + name + "' is " + Files.size(f) + " bytes but its header "
                        + "promises " + need + "; expected a complete file.");
            }
            return new Shard(f, h.dataOffset(), shape[0], (int) cols, type, firstRow);
        } catch (IOException e) {
            throw DataFiles.unreadable(name, e);
        }
    }

    /** A .safetensors shard: where its tensor's values lie, checked against the file, nothing read. */
    private static Shard safetensors(Path f, String tensor, long firstRow) {
        SafeTensorsData.Layout l = SafeTensorsData.locate(f, tensor);
        requireRowSize(l.label(), l.cols(), l.type());
        return new Shard(f, l.dataOffset(), l.rows(), (int) l.cols(), l.type(), firstRow);
    }

    private static void requireRowSize(String name, long cols, NumberType type) {
        if (cols <= 0 || cols * type.bytes() > MAX_ROW_BYTES) {
            throw new InvalidInputException("Shard '" + name + "' has " + cols + " features per row; expected 1 to "
                    + MAX_ROW_BYTES / type.bytes() + ".");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public boolean hasOrigins() {
        return store != null;
    }

    @Override
    public void readOrigins(long row, int n, Origins into, int offset) {
        if (store == null) {
            RowReader.super.readOrigins(row, n, into, offset);
        }
        ActivationStore.Provenance p = store.provenance(row, n);
        System.arraycopy(p.docs(), 0, into.docs(), offset, n);
        System.arraycopy(p.positions(), 0, into.positions(), offset, n);
        System.arraycopy(p.tokens(), 0, into.tokens(), offset, n);
    }

    @Override
    public void read(long row, int n, float[] out, int offset) {
        int done = 0;
        while (done < n) {
            int s = shardOf(row + done);
            Shard shard = shards.get(s);
            long local = row + done - shard.firstRow;
            int rowBytes = cols * shard.type.bytes();
            int m = (int) Math.min(Math.min(n - done, shard.rows - local), Math.max(1, CHUNK_BYTES / rowBytes));
            ByteBuffer bytes = readBytes(s, shard.offset + local * rowBytes, m * rowBytes);
            int at = offset + done * cols;
            shard.type.decode(bytes, out, at, m * cols);
            for (int i = 0; i < m * cols; i++) {
                if (!Float.isFinite(out[at + i])) {
                    throw new InvalidInputException(String.format("Shard '%s' holds %s at row %d, column %d; expected finite "
                            + "numbers only.", shard.path, out[at + i], local + i / cols + 1, i % cols + 1));
                }
            }
            done += m;
        }
    }

    /** {@code length} bytes at {@code position} of shard {@code s}, by positional reads into one reused buffer. */
    private ByteBuffer readBytes(int s, long position, int length) {
        try {
            if (s != openShard) {
                closeChannel();
                channel = FileChannel.open(shards.get(s).path, StandardOpenOption.READ);
                openShard = s;
            }
            if (buffer.capacity() < length) {
                buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new java.io.EOFException("ends early");
                }
            }
            return buffer.flip();
        } catch (IOException e) {
            closeChannel();
            throw DataFiles.unreadable(shards.get(s).path.toString(), e);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
        }
        channel = null;
        openShard = -1;
    }

    private int shardOf(long row) {
        int lo = 0;
        int hi = shards.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (shards.get(mid).firstRow <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public void close() {
        closeChannel();
    }
}
