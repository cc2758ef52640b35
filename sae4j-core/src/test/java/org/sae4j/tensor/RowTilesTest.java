package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A's packed row tiles, checked element by element against their definition. */
class RowTilesTest {
    @ParameterizedTest
    @CsvSource({
        "8, 1", // row-major A in 8-row tiles (the written-out loop)
        "6, 1", // 6-row tiles, as with 16 vector registers (AVX2)
        "8, 0", // A read down its columns (matmulTransA): the generic loop
        "3, 1", // any other tile height: the generic loop
    })
    void packsEveryTileAsDefined(int rows, int rowMajor) {
        int m = 45;
        int terms = 37;
        int from = 5;
        int tiles = (m - from) / rows;
        int rowStride = rowMajor == 1 ? terms : 1;
        int termStride = rowMajor == 1 ? 1 : m;
        Random r = new Random(rows * 10L + rowMajor);
        float[] a = new float[m * terms];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat();
        }
        RowTiles pa = new RowTiles(a, rowStride, termStride, from, tiles, terms, rows);
        for (int i = tiles - 1; i >= 0; i--) { // out of order: earlier tiles get packed on the way
            pa.ensure(i);
        }
        for (int i = 0; i < tiles; i++) {
            for (int t = 0; t < terms; t++) {
                for (int q = 0; q < rows; q++) {
                    int row = from + i * rows + q;
                    assertEquals(a[row * rowStride + t * termStride], pa.packed[(i * terms + t) * rows + q],
                            "tile " + i + ", term " + t + ", row " + q);
                }
            }
        }
    }
}
