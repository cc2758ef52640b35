package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packed layout of b's column blocks, checked element by element against its definition. */
class PanelsTest {
    private static final int WIDTH = BlockedProduct.PANEL;

    /** Panel q, term t, lane l at (q·terms + t)·width + l; lanes past the block's last column are zero. */
    private static float[] expected(float[] b, boolean transposed, int terms, int n, int j0, int cols) {
        int panels = (cols + WIDTH - 1) / WIDTH;
        float[] out = new float[panels * terms * WIDTH];
        for (int q = 0; q < panels; q++) {
            for (int t = 0; t < terms; t++) {
                for (int l = 0; l < WIDTH; l++) {
                    int j = q * WIDTH + l;
                    out[(q * terms + t) * WIDTH + l] = j >= cols ? 0f
                            : transposed ? b[(j0 + j) * terms + t] : b[t * n + j0 + j];
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "784, 4096, 0, 128",   // the benchmark's block: four panels written out as vector loads
        "784, 4096, 3968, 128", // its last block
        "5, 300, 0, 256",      // eight panels: two groups of four
        "5, 300, 256, 44",     // a partial last panel only
        "3, 1100, 1024, 76",   // two full panels and a partial one, none in a group of four
        "7, 200, 8, 160",      // four full panels and one more, from an odd start column
        "1, 33, 1, 32",        // one row
    })
    void packsEveryLayoutAsDefined(int terms, int n, int j0, int cols) {
        Random r = new Random(terms * 31L + n + j0);
        float[] b = new float[terms * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
        }
        int size = (cols + WIDTH - 1) / WIDTH * terms * WIDTH;
        for (boolean transposed : new boolean[] {false, true}) {
            float[] out = new float[size + 5];
            Arrays.fill(out, Float.NaN); // stale values in the reused scratch buffer must not survive
            Panels.packBlock(b, transposed, terms, n, j0, cols, WIDTH, out);
            assertArrayEquals(expected(b, transposed, terms, n, j0, cols), Arrays.copyOf(out, size),
                    (transposed ? "bᵀ " : "b ") + terms + "x" + n + " from " + j0 + ", " + cols + " columns");
        }
    }
}
