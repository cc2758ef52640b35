package org.sae4j.data.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.data.Fixtures.userError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.io.ActivationStoreWriter;

/** The store written shard by shard reads back: activations through the shard reader, provenance by row, resume. */
class ActivationStoreTest {
    private static final int D = 5;

    private static StoreInfo info() {
        return new StoreInfo("test-model", "/encoder/layer.1/output/LayerNorm/Add_1_output_0", 1, D, "F32", 16,
                null, "generated", 0, List.of());
    }

    /** Shard s holds rows whose value at (r, j) is 100·s + 10·r + j; row r of shard s comes from doc s, position r. */
    private static void shard(ActivationStoreWriter w, int s, int rows) {
        float[] a = new float[rows * D];
        int[] tokens = new int[rows];
        long[] docs = new long[rows];
        int[] positions = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < D; j++) {
                a[r * D + j] = 100 * s + 10 * r + j;
            }
            tokens[r] = 1000 + 10 * s + r;
            docs[r] = 5_000_000_000L + s;
            positions[r] = r;
        }
        w.append(a, rows, tokens, docs, positions, s + 1);
    }

    @Test
    void writesAndReadsBackAcrossShards(@TempDir Path dir) {
        Path store = dir.resolve("acts");
        ActivationStoreWriter w = ActivationStoreWriter.create(store, info());
        shard(w, 0, 3);
        shard(w, 1, 4);
        assertTrue(ActivationStore.isStore(store));
        ActivationStore s = ActivationStore.open(store);
        assertEquals(7, s.rows());
        assertEquals(2, s.info().documents());
        ActivationStore.Provenance p = s.provenance(2, 3);
        assertArrayEquals(new int[] {1002, 1010, 1011}, p.tokens());
        assertArrayEquals(new long[] {5_000_000_000L, 5_000_000_001L, 5_000_000_001L}, p.docs());
        assertArrayEquals(new int[] {2, 0, 1}, p.positions());
        try (Shards acts = Shards.open(store.toString())) {
            assertEquals(7, acts.rows());
            assertEquals(D, acts.cols());
            float[] row = new float[D];
            acts.read(4, 1, row, 0);
            assertArrayEquals(new float[] {110, 111, 112, 113, 114}, row);
        }
    }

    @Test
    void shardsWrittenApartAndFinishedAreTheSameStore(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        ActivationStoreWriter w = ActivationStoreWriter.create(whole, info());
        shard(w, 0, 3);
        shard(w, 1, 4);
        // the same shards written by themselves (as a cluster's partitions write them), under other names
        Path apart = dir.resolve("apart");
        StoreInfo i = info();
        List<StoreInfo.Shard> shards = new java.util.ArrayList<>();
        for (StoreInfo.Shard s : w.info().shards()) {
            ActivationStore src = ActivationStore.open(whole);
            int rows = (int) s.rows();
            long first = s.file().equals("shard-00000.safetensors") ? 0 : 3;
            float[] a = new float[rows * D];
            try (Shards acts = Shards.open(whole.toString())) {
                acts.read(first, rows, a, 0);
            }
            ActivationStore.Provenance p = src.provenance(first, rows);
            String name = "shard-00007-0000" + shards.size() + ".safetensors";
            ActivationStoreWriter.writeShard(apart.resolve(name), "F32", D, a, rows, p.tokens(), p.docs(), p.positions());
            shards.add(new StoreInfo.Shard(name, rows));
        }
        assertFalse(ActivationStore.isStore(apart), "no capture.json before finish");
        ActivationStoreWriter.finish(apart, new StoreInfo(i.model(), i.hook(), i.layer(), D, "F32", 16, null, "generated", 2, shards));
        for (int s = 0; s < 2; s++) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(w.info().shards().get(s).file())),
                    Files.readAllBytes(apart.resolve(shards.get(s).file())), "shard " + s);
        }
        assertEquals(Files.readString(whole.resolve(ActivationStore.INFO_FILE)).replace("shard-0000", "shard-00007-0000"),
                Files.readString(apart.resolve(ActivationStore.INFO_FILE)));
        Files.delete(apart.resolve(shards.get(1).file()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> ActivationStoreWriter.finish(apart,
                new StoreInfo(i.model(), i.hook(), i.layer(), D, "F32", 16, null, "generated", 2, shards)));
    }

    @Test
    void resumeDropsAShardWrittenAfterTheLastInfo(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("acts");
        ActivationStoreWriter w = ActivationStoreWriter.create(store, info());
        shard(w, 0, 3);
        Files.copy(store.resolve("shard-00000.safetensors"), store.resolve("shard-00001.safetensors")); // killed before capture.json
        ActivationStoreWriter again = ActivationStoreWriter.resume(store);
        assertFalse(Files.exists(store.resolve("shard-00001.safetensors")));
        assertEquals(1, again.info().documents());
        shard(again, 1, 2);
        assertEquals(5, ActivationStore.open(store).rows());
    }

    @Test
    void halfPrecisionStoresRoundToNearestAndReadBack(@TempDir Path dir) {
        for (String dtype : List.of("F16", "BF16")) {
            Path store = dir.resolve(dtype);
            StoreInfo i = info();
            ActivationStoreWriter w = ActivationStoreWriter.create(store, new StoreInfo(i.model(), i.hook(), i.layer(), D,
                    dtype, i.context(), null, i.corpus(), 0, List.of()));
            float[] a = {1f, -2.5f, 0.1f, 1000.3f, 3e-6f};
            w.append(a, 1, new int[] {7}, new long[] {0}, new int[] {1}, 1);
            try (Shards acts = Shards.open(store.toString())) {
                float[] row = new float[D];
                acts.read(0, 1, row, 0);
                for (int j = 0; j < D; j++) {
                    short h = dtype.equals("F16") ? org.sae4j.format.HalfFloats.toF16(a[j]) : org.sae4j.format.HalfFloats.toBf16(a[j]);
                    float expected = dtype.equals("F16") ? org.sae4j.format.HalfFloats.f16(h) : org.sae4j.format.HalfFloats.bf16(h);
                    assertEquals(expected, row[j], dtype + " column " + j);
                    assertEquals(a[j], row[j], Math.abs(a[j]) * (dtype.equals("F16") ? 1e-3 : 8e-3) + 1e-7, dtype);
                }
            }
            assertEquals(4L * 2 * 0 + 2 * D + 4 + 8 + 4, sizeOfData(store), dtype + ": two bytes a value");
        }
        userError(() -> ActivationStoreWriter.activationType("F8"), "F8", "F32, F16 or BF16");
    }

    private static long sizeOfData(Path store) {
        try (var ch = java.nio.channels.FileChannel.open(store.resolve("shard-00000.safetensors"))) {
            return ch.size() - org.sae4j.format.SafeTensorsHeader.read(store.toString(), ch).dataStart();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void droppingTheLastShardRollsTheStoreBack(@TempDir Path dir) {
        Path store = dir.resolve("acts");
        ActivationStoreWriter w = ActivationStoreWriter.create(store, info());
        shard(w, 0, 3);
        shard(w, 1, 2);
        w.dropLastShard(1);
        assertFalse(Files.exists(store.resolve("shard-00001.safetensors")));
        ActivationStore s = ActivationStore.open(store);
        assertEquals(3, s.rows());
        assertEquals(1, s.info().documents());
    }

    @Test
    void badStoresAreOneSentence(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("acts");
        ActivationStoreWriter w = ActivationStoreWriter.create(store, info());
        userError(() -> ActivationStore.open(store), "holds no shards yet");
        shard(w, 0, 2);
        Files.delete(store.resolve("shard-00000.safetensors"));
        userError(() -> ActivationStore.open(store), "shard-00000.safetensors", "missing");
        userError(() -> ActivationStoreWriter.create(store, info()), "is not empty");
        Files.writeString(store.resolve("capture.json"), "{\"format\": \"other\"}");
        userError(() -> ActivationStore.open(store), "capture.json", "sae4j-activations 1");
    }
}
