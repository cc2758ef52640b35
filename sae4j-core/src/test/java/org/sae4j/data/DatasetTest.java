package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Chunks: every row once, in order, each chunk its own copy, the last one short. */
class DatasetTest {
    /** 5 rows of 2 values: row r is (10r, 10r + 1). */
    private static final Dataset FIVE = new Dataset("five", new float[] {0, 1, 10, 11, 20, 21, 30, 31, 40, 41}, 5, 2);

    @Test
    void rowsReadFromMemoryRefuseNonFiniteValuesLikeEveryRowReader() {
        float[] v = new float[6 * 3];
        v[4 * 3 + 2] = Float.NEGATIVE_INFINITY;
        RowReader rows = new Dataset("api", v, 6, 3).asRows();
        float[] out = new float[3 * 3];
        rows.read(0, 3, out, 0); // rows 1-3 are finite
        var e = assertThrows(org.sae4j.InvalidInputException.class, () -> rows.read(3, 3, out, 0));
        assertEquals("Data 'api' holds -Infinity at row 5, column 3; expected finite numbers only.", e.getMessage());
    }

    @Test
    void chunksCoverEveryRowOnceInOrderWithAShortLastChunk() {
        List<Dataset.Chunk> chunks = new ArrayList<>();
        FIVE.chunks(2).forEach(chunks::add);
        assertEquals(3, chunks.size());
        assertEquals(List.of(0, 2, 4), chunks.stream().map(Dataset.Chunk::from).toList());
        assertEquals(List.of(2, 2, 1), chunks.stream().map(Dataset.Chunk::rows).toList());
        assertArrayEquals(new float[] {20, 21, 30, 31}, chunks.get(1).values());
        assertArrayEquals(new float[] {40, 41}, chunks.get(2).values());
    }

    @Test
    void aChunkIsACopyTheModelMayOverwrite() {
        Dataset.Chunk whole = FIVE.chunks(1024).iterator().next();
        assertEquals(5, whole.rows());
        assertArrayEquals(FIVE.values(), whole.values());
        assertNotSame(FIVE.values(), whole.values());
        whole.values()[0] = -1;
        assertEquals(0, FIVE.values()[0]);
    }

    @Test
    void eachIterationStartsAfreshAndEndsCleanly() {
        Iterable<Dataset.Chunk> chunks = FIVE.chunks(3);
        int rows = 0;
        for (Dataset.Chunk c : chunks) {
            rows += c.rows();
        }
        for (Dataset.Chunk c : chunks) {
            rows += c.rows();
        }
        assertEquals(10, rows);
        Iterator<Dataset.Chunk> none = new Dataset("empty", new float[0], 0, 3).chunks(4).iterator();
        assertFalse(none.hasNext());
        assertThrows(NoSuchElementException.class, none::next);
        assertThrows(IllegalArgumentException.class, () -> FIVE.chunks(0));
    }
}
