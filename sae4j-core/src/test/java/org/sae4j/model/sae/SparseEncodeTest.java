package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Model;
import org.sae4j.tensor.SparseCode;

/**
 * {@link Model#encodeSparse}: for every architecture the sparse code holds exactly the dense encode's
 * non-zero latents, batch by batch and over a dataset chunk by chunk; the k-sparse SAEs' own path (which
 * never builds the dense code) gives the same arrays as the default, for any tiling of the batch.
 */
class SparseEncodeTest {
    private static final int ROWS = 2 * Model.INFERENCE_BATCH + 37;

    /** The model with a trained-looking BatchTopK threshold (else inference falls back to per-row top k). */
    static SparseAutoencoder model(Architecture a) {
        SparseAutoencoder m = SaeFixtures.model(a);
        if (m instanceof BatchTopKSae) {
            m.setBuffer("threshold", new float[] {0.2f});
        }
        return m;
    }

    static void assertSameCode(SparseCode expected, SparseCode actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.width(), actual.width());
        assertArrayEquals(expected.rowStart(), actual.rowStart());
        assertArrayEquals(java.util.Arrays.copyOf(expected.index(), expected.size()),
                java.util.Arrays.copyOf(actual.index(), actual.size()));
        assertArrayEquals(java.util.Arrays.copyOf(expected.value(), expected.size()),
                java.util.Arrays.copyOf(actual.value(), actual.size()));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aBatchsSparseCodeIsItsDenseCodesNonZeros(Architecture a) {
        SparseAutoencoder m = model(a);
        float[] x = SaeFixtures.gaussian(3, 40 * SaeFixtures.D);
        float[] dense = m.encode(x, 40);
        SparseCode sparse = m.encodeSparse(x, 40);
        assertSameCode(SparseCode.fromDense(dense, 40, SaeFixtures.WIDTH), sparse);
        assertTrue(sparse.size() > 0 && sparse.size() < dense.length, a + ": " + sparse.size() + " entries");
        for (int e = 0; e < sparse.size(); e++) {
            assertTrue(sparse.value()[e] != 0f, "no stored zeros");
        }
        if (m instanceof KSparseSae) {
            int maxPerRow = 0;
            for (int r = 0; r < 40; r++) {
                maxPerRow = Math.max(maxPerRow, sparse.rowStart()[r + 1] - sparse.rowStart()[r]);
            }
            assertTrue(a == Architecture.TOPK ? maxPerRow <= 3 : maxPerRow > 0, "row sizes " + maxPerRow);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"TOPK", "BATCHTOPK", "MATRYOSHKA"})
    void tilesOfAnySizeGiveTheSameCode(Architecture a) {
        SparseAutoencoder m = model(a);
        float[] x = SaeFixtures.gaussian(4, 50 * SaeFixtures.D);
        SparseCode whole = m.encodeSparse(x, 50);
        try {
            for (int rowsPerTile : new int[] {1, 7, 49}) {
                KSparseSae.tileValues = rowsPerTile * SaeFixtures.WIDTH;
                assertSameCode(whole, m.encodeSparse(x, 50));
            }
        } finally {
            KSparseSae.tileValues = 1 << 22;
        }
    }

    @Test
    void anUntrainedBatchTopKKeepsEachRowsTopK() {
        SparseAutoencoder m = SaeFixtures.model(Architecture.BATCHTOPK);
        float[] x = SaeFixtures.gaussian(5, 30 * SaeFixtures.D);
        assertSameCode(SparseCode.fromDense(m.encode(x, 30), 30, SaeFixtures.WIDTH), m.encodeSparse(x, 30));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aDatasetStreamsInChunksThatMakeUpItsDenseEncode(Architecture a) {
        SparseAutoencoder m = model(a);
        Dataset raw = new Dataset("x", SaeFixtures.gaussian(6, ROWS * SaeFixtures.D), ROWS, SaeFixtures.D);
        m.setNormalizer(Normalizer.fit(Normalizer.Kind.STANDARDIZE, raw));
        Dataset dense = m.encode(raw);
        List<SparseCode> chunks = new ArrayList<>();
        m.encodeSparse(raw).forEach(chunks::add);
        assertEquals(3, chunks.size());
        assertEquals(Model.INFERENCE_BATCH, chunks.get(0).rows());
        assertSameCode(SparseCode.fromDense(dense.values(), ROWS, SaeFixtures.WIDTH),
                SparseCode.concat(chunks, SaeFixtures.WIDTH));
    }

    @Test
    void chunksAreEncodedOnlyWhenAskedForAndBadDataFailsAtOnce() {
        SparseAutoencoder m = model(Architecture.TOPK);
        Dataset raw = new Dataset("x", SaeFixtures.gaussian(7, 3 * SaeFixtures.D), 3, SaeFixtures.D);
        Iterator<SparseCode> it = m.encodeSparse(raw).iterator();
        assertEquals(3, it.next().rows());
        assertThrows(NoSuchElementException.class, it::next);
        Dataset narrow = new Dataset("narrow", new float[6], 2, 3);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> m.encodeSparse(narrow));
        assertTrue(e.getMessage().contains("3 features"), e.getMessage());
    }
}
