package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.io.ActivationStoreWriter;

/**
 * Rows keep their (document, position, token) on every path a store's rows take: the shard reader, a slice, the
 * shuffle buffer (shuffled, so each origin must follow its row), the normaliser, the read-ahead and a forward-only
 * pass. Each row's values spell its shard and index, so the origin a row arrives with is checked against the one
 * written for it.
 */
class OriginsTest {
    private static final int D = 3;
    private static final int[] SHARDS = {4, 3, 5};

    /** Row r of shard s: values 100·s + r (then + 0.5, + 0.25), doc 7 + s, position r + 1, token 1000 + 10·s + r. */
    private static Path store(Path dir) {
        Path store = dir.resolve("acts");
        ActivationStoreWriter w = ActivationStoreWriter.create(store, new StoreInfo("m", "/h", 1, D, "F32", 16, null, "t", 0,
                List.of()));
        for (int s = 0; s < SHARDS.length; s++) {
            int n = SHARDS[s];
            float[] a = new float[n * D];
            int[] tokens = new int[n];
            long[] docs = new long[n];
            int[] positions = new int[n];
            for (int r = 0; r < n; r++) {
                a[r * D] = 100 * s + r;
                a[r * D + 1] = 100 * s + r + 0.5f;
                a[r * D + 2] = 100 * s + r + 0.25f;
                tokens[r] = 1000 + 10 * s + r;
                docs[r] = 7 + s;
                positions[r] = r + 1;
            }
            w.append(a, n, tokens, docs, positions, s + 1);
        }
        return store;
    }

    /** Asserts that each of the {@code n} rows in {@code x} arrived with the origin written for it. */
    private static void originsFollowRows(float[] x, Origins o, int n, int offset) {
        for (int i = 0; i < n; i++) {
            int s = Math.round(x[(offset + i) * D]) / 100;
            int r = Math.round(x[(offset + i) * D]) % 100;
            assertEquals(7 + s, o.docs()[offset + i], "row " + i);
            assertEquals(r + 1, o.positions()[offset + i], "row " + i);
            assertEquals(1000 + 10 * s + r, o.tokens()[offset + i], "row " + i);
        }
    }

    @Test
    void theShardReaderOfAStoreAndItsSlicesGiveEachRowsOrigin(@TempDir Path dir) {
        Path store = store(dir);
        try (Shards all = Shards.open(store.toString()); Shards plain = Shards.open(store + "/shard-*:activations")) {
            assertTrue(all.hasOrigins());
            assertFalse(plain.hasOrigins(), "plain shards know no store");
            float[] x = new float[12 * D];
            Origins o = Origins.of(12);
            all.read(0, 12, x, 0);
            all.readOrigins(0, 12, o, 0);
            originsFollowRows(x, o, 12, 0);
            ActivationStore.Provenance p = ActivationStore.open(store).provenance(0, 12);
            assertArrayEquals(p.docs(), o.docs());
            RowSlice slice = new RowSlice(all, 3, 6, "slice");
            Origins s = Origins.of(4);
            slice.readOrigins(1, 2, s, 2);
            assertArrayEquals(new long[] {0, 0, 8, 8}, s.docs(), "rows 4 and 5 of the store, at offset 2");
            assertArrayEquals(new int[] {0, 0, 1010, 1011}, s.tokens(), "shard 1, rows 0 and 1");
        }
    }

    @Test
    void shuffledReadAheadKeepsEachOriginWithItsRowInTheSameOrder(@TempDir Path dir) {
        Path store = store(dir);
        Normalizer scale = new Normalizer(Normalizer.Kind.NONE, new float[D], new float[] {1, 1, 1});
        float[] direct = new float[12 * D];
        Origins directOrigins = Origins.of(12);
        try (ShuffleBuffer b = new ShuffleBuffer(Shards.open(store.toString()), 0, 12, 5, true, 3)) {
            assertTrue(b.hasOrigins());
            b.fill(direct, 12, directOrigins);
        }
        originsFollowRows(direct, directOrigins, 12, 0);
        assertFalse(java.util.Arrays.equals(directOrigins.docs(), new long[] {7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 9}),
                "the buffer shuffles");
        BatchSource source = new NormalizedSource(new ShuffleBuffer(Shards.open(store.toString()), 0, 12, 5, true, 3), scale);
        try (Prefetcher p = new Prefetcher(source, s -> 4, 0, 3, s -> false, 2, true)) {
            for (int step = 0; step < 3; step++) {
                Prefetcher.Batch b = p.next();
                assertArrayEquals(java.util.Arrays.copyOfRange(direct, step * 4 * D, (step + 1) * 4 * D), b.x());
                assertArrayEquals(java.util.Arrays.copyOfRange(directOrigins.tokens(), step * 4, step * 4 + 4), b.origins().tokens());
                originsFollowRows(b.x(), b.origins(), 4, 0);
            }
        }
        try (Prefetcher p = new Prefetcher(source, s -> 4, 0, 1, s -> false, 2)) {
            assertEquals(null, p.next().origins(), "origins only when asked");
        }
    }

    @Test
    void aForwardPassReadsInOrderAndRefusesToGoBack(@TempDir Path dir) {
        Path store = store(dir);
        try (SourceRows rows = new SourceRows(new ShuffleBuffer(Shards.open(store.toString()), 0, 12, 5, false, 0))) {
            assertEquals(12, rows.rows());
            float[] x = new float[8 * D];
            rows.read(0, 5, x, 0);
            rows.read(5, 3, x, 5 * D);
            Origins o = Origins.of(8);
            rows.readOrigins(6, 2, o, 6);
            assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1012, 1020}, o.tokens(), "rows 6 and 7: shard 1 row 2, shard 2 row 0");
            assertThrows(IllegalStateException.class, () -> rows.readOrigins(4, 1, o, 0), "before the last read");
            assertThrows(IllegalStateException.class, () -> rows.read(0, 1, x, 0), "back to the start");
        }
    }

    @Test
    void sourcesOfRowsThatStandAloneHaveNone() {
        BatchSource plain = new InMemorySource(new Dataset("d", new float[6], 2, 3), false, 0, "t");
        assertFalse(plain.hasOrigins());
        assertThrows(UnsupportedOperationException.class, () -> plain.fill(new float[6], 2, Origins.of(2)));
        assertThrows(IllegalArgumentException.class, () -> new Prefetcher(plain, s -> 1, 0, 1, s -> false, 1, true));
    }
}
