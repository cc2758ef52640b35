package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;

/** Rows [x | y]: paired, split back exactly, refused when not aligned; a normaliser's input columns. */
class TrainingRowsTest {

    @Test
    void pairsAndSplitsBack() {
        Dataset x = new Dataset("x", new float[] {1, 2, 3, 4, 5, 6}, 3, 2, new int[] {7, 8, 9});
        Dataset y = new Dataset("y", new float[] {10, 20, 30}, 3, 1);
        Dataset rows = TrainingRows.pair(x, y);
        assertEquals("x -> y", rows.name());
        assertEquals(3, rows.cols());
        assertArrayEquals(new float[] {1, 2, 10, 3, 4, 20, 5, 6, 30}, rows.values());
        assertArrayEquals(new int[] {7, 8, 9}, rows.labels());
        assertArrayEquals(x.values(), TrainingRows.inputs(rows.values(), 3, 2, 1));
        assertArrayEquals(y.values(), TrainingRows.targets(rows.values(), 3, 2, 1));
    }

    @Test
    void misalignedRowsAreOneSentence() {
        Dataset x = new Dataset("in.npy", new float[4], 2, 2);
        Dataset y = new Dataset("out.npy", new float[3], 3, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainingRows.pair(x, y));
        assertEquals("Input data 'in.npy' has 2 rows but target data 'out.npy' has 3; expected one target row per input "
                + "row, in the same order.", e.getMessage());
    }

    @Test
    void aNormalisersInputColumns() {
        Normalizer perColumn = new Normalizer(Normalizer.Kind.STANDARDIZE, new float[] {1, 2, 3}, new float[] {4, 5, 6});
        Normalizer first = perColumn.columns(0, 2);
        assertArrayEquals(new float[] {1, 2}, first.offset());
        assertArrayEquals(new float[] {6}, perColumn.columns(2, 1).scale());
        assertTrue(perColumn.columns(0, 3) == perColumn, "the whole width is the same normaliser");
        Normalizer global = new Normalizer(Normalizer.Kind.MEAN_NORM, new float[] {0}, new float[] {2});
        assertTrue(global.columns(0, 2) == global, "one value for every column");
    }
}
