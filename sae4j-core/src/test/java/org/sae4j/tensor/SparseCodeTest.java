package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSR helpers that sparse encoding uses: dropping stored zeros and stacking chunks of rows. */
class SparseCodeTest {
    private static final float[] DENSE = {0, 1, 0, 2, 3, 0, 0, 0, 0, 0, 0, 4};

    @Test
    void withoutZerosIsWhatTheDenseFormHolds() {
        // Row 0 keeps a stored zero (TopK's ReLU of a negative pick), row 2 two of them.
        SparseCode stored = new SparseCode(3, 4, new int[] {0, 3, 4, 7}, new int[] {1, 2, 3, 0, 1, 2, 3},
                new float[] {1, 0, 2, 3, 0, 0, 4});
        SparseCode clean = stored.withoutZeros();
        SparseCode expected = SparseCode.fromDense(DENSE, 3, 4);
        assertArrayEquals(expected.rowStart(), clean.rowStart());
        assertArrayEquals(expected.index(), clean.index());
        assertArrayEquals(expected.value(), clean.value());
        assertArrayEquals(DENSE, stored.toDense());
        assertSame(clean, clean.withoutZeros(), "no copy when there is nothing to drop");
    }

    @Test
    void stackPutsChunksOneAfterAnother() {
        SparseCode a = SparseCode.fromDense(java.util.Arrays.copyOfRange(DENSE, 0, 4), 1, 4);
        SparseCode b = SparseCode.fromDense(java.util.Arrays.copyOfRange(DENSE, 4, 12), 2, 4);
        SparseCode none = SparseCode.fromDense(new float[0], 0, 4);
        SparseCode all = SparseCode.stack(List.of(a, none, b));
        assertEquals(3, all.rows());
        assertArrayEquals(DENSE, all.toDense());
        assertArrayEquals(SparseCode.fromDense(DENSE, 3, 4).rowStart(), all.rowStart());
        assertThrows(IllegalArgumentException.class,
                () -> SparseCode.stack(List.of(a, SparseCode.fromDense(new float[5], 1, 5))));
    }
}
