package org.sae4j.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.format.HalfFloats;
import org.sae4j.format.NumberType;
import org.sae4j.format.SafeTensorsHeader;

/**
 * Writes an activation store (see {@code data.store}) a shard at a time: each shard is written to a temp file and
 * renamed, then capture.json is rewritten the same way, so a kill at any moment leaves a store whose capture.json
 * names only complete shards. A resumed writer removes any shard written after the last capture.json and goes on
 * from the documents that file counts.
 */
public final class ActivationStoreWriter {
    private final Path dir;
    private StoreInfo info;

    private ActivationStoreWriter(Path dir, StoreInfo info) {
        this.dir = dir;
        this.info = info;
    }

    /** Starts a store in {@code dir} (created if missing; refused when it holds other files) described by {@code info}. */
    public static ActivationStoreWriter create(Path dir, StoreInfo info) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (!p.getFileName().toString().startsWith(".")) {
                        throw new InvalidInputException("Folder '" + dir + "' is not empty (it holds '" + p.getFileName()
                                + "'); expected a new folder for the activation store, or the store to resume.");
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot create the activation store '" + dir + "' (" + IoErrors.reason(e) + ").");
        }
        ActivationStoreWriter w = new ActivationStoreWriter(dir, info);
        w.writeInfo();
        return w;
    }

    /** Opens the store in {@code dir} to go on writing: shards that capture.json does not name are removed. */
    public static ActivationStoreWriter resume(Path dir) {
        StoreInfo info;
        try {
            info = StoreInfo.fromJson(Files.readString(dir.resolve(ActivationStore.INFO_FILE)), dir.resolve(ActivationStore.INFO_FILE).toString());
            Set<String> listed = new TreeSet<>();
            info.shards().forEach(s -> listed.add(s.file()));
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "shard-*.safetensors")) {
                for (Path p : ds) {
                    if (!listed.contains(p.getFileName().toString())) {
                        Files.delete(p); // written after the last capture.json: its documents are captured again
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot resume the activation store '" + dir + "' (" + IoErrors.reason(e) + ").");
        }
        return new ActivationStoreWriter(dir, info);
    }

    public StoreInfo info() {
        return info;
    }

    /**
     * Forgets the last shard, whose documents end at a count other stores of the same capture never reached (a kill
     * between the capture.json files of several hooks): capture.json is rewritten without it, then its file removed.
     */
    public void dropLastShard(long documentsBefore) {
        List<StoreInfo.Shard> shards = info.shards();
        if (shards.isEmpty()) {
            throw new IllegalStateException("no shard to drop");
        }
        StoreInfo.Shard last = shards.get(shards.size() - 1);
        info = new StoreInfo(info.model(), info.hook(), info.layer(), info.dModel(), info.dtype(), info.context(),
                info.tokenizer(), info.corpus(), documentsBefore, shards.subList(0, shards.size() - 1));
        writeInfo();
        try {
            Files.deleteIfExists(dir.resolve(last.file()));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot remove '" + dir.resolve(last.file()) + "' (" + IoErrors.reason(e) + ").");
        }
    }

    /**
     * Appends one shard of {@code rows} rows: {@code activations} [rows × d_model] and each row's token, document and
     * position; {@code documentsNow} is how many documents are fully captured once this shard is.
     */
    public void append(float[] activations, int rows, int[] tokens, long[] docs, int[] positions, long documentsNow) {
        String file = String.format("shard-%05d.safetensors", info.shards().size());
        writeShard(dir.resolve(file), info.dtype(), info.dModel(), activations, rows, tokens, docs, positions);
        info = info.withShard(new StoreInfo.Shard(file, rows), documentsNow);
        writeInfo();
    }

    /**
     * Writes one shard file atomically and nothing else: {@code rows} rows of {@code activations} [rows × d] as
     * {@code dtype}, with each row's token, document and position. For stores whose shards are written apart (a
     * cluster's partitions) and whose capture.json is then written once by {@link #finish}.
     */
    public static void writeShard(Path target, String dtype, int d, float[] activations, int rows, int[] tokens, long[] docs,
                                  int[] positions) {
        if (activations.length < (long) rows * d || tokens.length < rows || docs.length < rows || positions.length < rows) {
            throw new IllegalArgumentException("arrays shorter than " + rows + " rows of width " + d);
        }
        NumberType type = activationType(dtype);
        List<SafeTensorsHeader.Layout> layout = List.of(
                new SafeTensorsHeader.Layout(ActivationStore.ACTIVATIONS, type, rows, d),
                new SafeTensorsHeader.Layout(ActivationStore.TOKEN_IDS, NumberType.INT32, rows),
                new SafeTensorsHeader.Layout(ActivationStore.DOC_IDS, NumberType.INT64, rows),
                new SafeTensorsHeader.Layout(ActivationStore.POSITIONS, NumberType.INT32, rows));
        try {
            AtomicFiles.write(target, out -> {
                out.write(SafeTensorsHeader.of(layout, Map.of("format", StoreInfo.FORMAT)));
                ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < rows * d; i++) {
                    switch (type) {
                        case FLOAT16 -> flushIfFull(out, b, 2).putShort(HalfFloats.toF16(activations[i]));
                        case BFLOAT16 -> flushIfFull(out, b, 2).putShort(HalfFloats.toBf16(activations[i]));
                        default -> flushIfFull(out, b, 4).putFloat(activations[i]);
                    }
                }
                for (int i = 0; i < rows; i++) {
                    flushIfFull(out, b, 4).putInt(tokens[i]);
                }
                for (int i = 0; i < rows; i++) {
                    flushIfFull(out, b, 8).putLong(docs[i]);
                }
                for (int i = 0; i < rows; i++) {
                    flushIfFull(out, b, 4).putInt(positions[i]);
                }
                out.write(b.array(), 0, b.position());
            });
        } catch (IOException e) {
            throw new InvalidInputException("Cannot write the shard '" + target + "' (" + IoErrors.reason(e)
                    + "); expected a writable folder with free space.");
        }
    }

    /**
     * Completes a store whose shards were written by {@link #writeShard}: checks that every shard {@code info} lists is
     * in {@code dir} and writes capture.json (atomically) last, so the folder is a store only once it is whole.
     */
    public static void finish(Path dir, StoreInfo info) {
        for (StoreInfo.Shard s : info.shards()) {
            if (!Files.isRegularFile(dir.resolve(s.file()))) {
                throw new IllegalStateException("shard " + s.file() + " is missing from " + dir);
            }
        }
        new ActivationStoreWriter(dir, info).writeInfo();
    }

    /** The element type of a store's activations: F32, or F16 and BF16 (rounded to nearest even) to halve the disk. */
    public static NumberType activationType(String dtype) {
        return switch (String.valueOf(dtype).toUpperCase(java.util.Locale.ROOT)) {
            case "F32" -> NumberType.FLOAT32;
            case "F16" -> NumberType.FLOAT16;
            case "BF16" -> NumberType.BFLOAT16;
            default -> throw new InvalidInputException("Activation dtype '" + dtype + "' is not supported; expected F32, F16 or BF16.");
        };
    }

    private static ByteBuffer flushIfFull(java.io.OutputStream out, ByteBuffer b, int need) throws IOException {
        if (b.remaining() < need) {
            out.write(b.array(), 0, b.position());
            b.clear();
        }
        return b;
    }

    private void writeInfo() {
        Path file = dir.resolve(ActivationStore.INFO_FILE);
        try {
            AtomicFiles.write(file, out -> new DataOutputStream(out).write(info.toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot write '" + file + "' (" + IoErrors.reason(e) + ").");
        }
    }
}
