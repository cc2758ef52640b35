package org.sae4j.data.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.format.NumberType;
import org.sae4j.format.SafeTensorsHeader;

/**
 * An activation store opened for reading: its {@link StoreInfo}, its activations as a streamed source (through
 * {@link #activationsSpec()}, the same shard reader every folder of shards uses), and the provenance of any run of
 * rows (which document, which position, which token), read by positional reads without loading a shard.
 */
public final class ActivationStore {
    public static final String INFO_FILE = "capture.json";
    public static final String ACTIVATIONS = "activations";
    public static final String TOKEN_IDS = "token_ids";
    public static final String DOC_IDS = "doc_ids";
    public static final String POSITIONS = "positions";

    /** Where each row came from: {@code tokens[i]}, {@code docs[i]}, {@code positions[i]} for row {@code first + i}. */
    public record Provenance(long first, int[] tokens, long[] docs, int[] positions) {
        public int rows() {
            return tokens.length;
        }
    }

    private final Path dir;
    private final StoreInfo info;
    private final long[] firstRow;

    private ActivationStore(Path dir, StoreInfo info) {
        this.dir = dir;
        this.info = info;
        this.firstRow = new long[info.shards().size() + 1];
        for (int i = 0; i < info.shards().size(); i++) {
            firstRow[i + 1] = firstRow[i] + info.shards().get(i).rows();
        }
    }

    /** True when {@code path} is a folder with a capture.json. */
    public static boolean isStore(Path path) {
        return Files.isRegularFile(path.resolve(INFO_FILE));
    }

    /** Opens the store in {@code dir}: reads capture.json and checks that every shard it lists is there. */
    public static ActivationStore open(Path dir) {
        Path file = dir.resolve(INFO_FILE);
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read '" + file + "' (" + IoErrors.reason(e)
                    + "); expected an activation store written by sae4j capture.");
        }
        StoreInfo info = StoreInfo.fromJson(json, file.toString());
        if (info.shards().isEmpty()) {
            throw new InvalidInputException("Activation store '" + dir + "' holds no shards yet; expected a capture that "
                    + "wrote at least one (run sae4j capture again to go on).");
        }
        for (StoreInfo.Shard s : info.shards()) {
            if (!Files.isRegularFile(dir.resolve(s.file()))) {
                throw new InvalidInputException("Activation store '" + dir + "' lists shard '" + s.file()
                        + "', which is missing; expected every shard capture.json names.");
            }
        }
        return new ActivationStore(dir, info);
    }

    public Path dir() {
        return dir;
    }

    public StoreInfo info() {
        return info;
    }

    public long rows() {
        return firstRow[firstRow.length - 1];
    }

    /** The data spec that streams the activations: the store's shards, tensor {@value #ACTIVATIONS}. */
    public String activationsSpec() {
        return dir.resolve("shard-*.safetensors") + ":" + ACTIVATIONS;
    }

    /** The tokenizer file beside the store, or null when the capture kept none. */
    public Path tokenizer() {
        return info.tokenizer() == null ? null : dir.resolve(info.tokenizer());
    }

    /** The provenance of rows {@code first} to {@code first + n - 1}. */
    public Provenance provenance(long first, int n) {
        if (first < 0 || n < 0 || first + n > rows()) {
            throw new IndexOutOfBoundsException("rows " + first + ".." + (first + n) + " of " + rows());
        }
        int[] tokens = new int[n];
        long[] docs = new long[n];
        int[] positions = new int[n];
        int done = 0;
        while (done < n) {
            long row = first + done;
            int shard = shardOf(row);
            long inShard = row - firstRow[shard];
            int take = (int) Math.min(n - done, firstRow[shard + 1] - row);
            readShard(shard, inShard, take, done, tokens, docs, positions);
            done += take;
        }
        return new Provenance(first, tokens, docs, positions);
    }

    private int shardOf(long row) {
        int lo = 0;
        int hi = firstRow.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstRow[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void readShard(int shard, long from, int n, int at, int[] tokens, long[] docs, int[] positions) {
        StoreInfo.Shard s = info.shards().get(shard);
        Path file = dir.resolve(s.file());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader h = SafeTensorsHeader.read(file.toString(), ch);
            ByteBuffer b = read(ch, h, TOKEN_IDS, NumberType.INT32, s.rows(), from, n);
            b.asIntBuffer().get(tokens, at, n);
            b = read(ch, h, DOC_IDS, NumberType.INT64, s.rows(), from, n);
            b.asLongBuffer().get(docs, at, n);
            b = read(ch, h, POSITIONS, NumberType.INT32, s.rows(), from, n);
            b.asIntBuffer().get(positions, at, n);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the shard '" + file + "' (" + IoErrors.reason(e) + ").");
        }
    }

    private static ByteBuffer read(FileChannel ch, SafeTensorsHeader h, String name, NumberType type, long rows, long from,
                                   int n) throws IOException {
        SafeTensorsHeader.Entry e = h.entry(name, List.of(type), Long.MAX_VALUE);
        if (e.shape().length != 1 || e.shape()[0] != rows) {
            throw new InvalidInputException("Tensor '" + name + "' of the store's shard has shape "
                    + java.util.Arrays.toString(e.shape()) + "; expected [" + rows + "].");
        }
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, type.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        long at = h.dataStart() + e.begin() + from * type.bytes();
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new java.io.EOFException("the file ends inside tensor '" + name + "'");
            }
        }
        return b.flip();
    }

    /** The shard file names in row order. */
    public List<String> shardFiles() {
        List<String> files = new ArrayList<>();
        info.shards().forEach(s -> files.add(s.file()));
        return files;
    }
}
