package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Row selection, column selection, concatenation and zero removal of sparse rows, checked against the dense tables. */
class SparseCodeTest {
    // 3 rows x 4 columns.
    private static final float[] DENSE = {
        1, 0, 2, 0,
        0, 0, 0, 0,
        0, 3, 4, 5,
    };
    private static final SparseCode CODE = SparseCode.fromDense(DENSE, 3, 4);

    @Test
    void fromDenseKeepsTheNonZerosAndToDenseRestoresThem() {
        assertEquals(5, CODE.size());
        assertArrayEquals(new int[] {0, 2, 2, 5}, CODE.rowStart());
        assertArrayEquals(DENSE, CODE.toDense());
    }

    @Test
    void selectRowsCopiesThoseRowsInThatOrder() {
        SparseCode s = CODE.selectRows(new int[] {2, 0, 2, 1});
        assertEquals(4, s.rows());
        assertEquals(4, s.width());
        assertArrayEquals(new float[] {0, 3, 4, 5, 1, 0, 2, 0, 0, 3, 4, 5, 0, 0, 0, 0}, s.toDense());
        assertEquals(0, CODE.selectRows(new int[0]).rows());
    }

    @Test
    void keepColumnsRenumbersInAscendingOldOrderWhateverTheGivenOrder() {
        SparseCode k = CODE.keepColumns(new int[] {3, 0});
        assertEquals(2, k.width());
        // Column 0 stays 0, column 3 becomes 1; the entries keep their order and stay ascending per row.
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 5}, k.toDense());
        assertArrayEquals(new int[] {0, 1}, java.util.Arrays.copyOf(k.index(), k.size()));
        assertArrayEquals(k.toDense(), CODE.keepColumns(new int[] {0, 3, 3}).toDense());
    }

    @Test
    void concatStacksRows() {
        SparseCode top = SparseCode.fromDense(new float[] {1, 0, 2, 0}, 1, 4);
        SparseCode rest = SparseCode.fromDense(new float[] {0, 0, 0, 0, 0, 3, 4, 5}, 2, 4);
        SparseCode all = SparseCode.concat(List.of(top, rest), 4);
        assertArrayEquals(CODE.rowStart(), all.rowStart());
        assertArrayEquals(DENSE, all.toDense());
        assertEquals(0, SparseCode.concat(List.of(), 4).rows());
        SparseCode none = SparseCode.fromDense(new float[0], 0, 4);
        assertArrayEquals(DENSE, SparseCode.concat(List.of(top, none, rest), 4).toDense(), "an empty part adds nothing");
        assertThrows(IllegalArgumentException.class, () -> SparseCode.concat(List.of(top), 3));
    }

    @Test
    void withoutZerosIsWhatTheDenseFormHolds() {
        // Row 0 keeps a stored zero (TopK's ReLU of a negative pick), row 2 two of them.
        float[] dense = {0, 1, 0, 2, 3, 0, 0, 0, 0, 0, 0, 4};
        SparseCode stored = new SparseCode(3, 4, new int[] {0, 3, 4, 7}, new int[] {1, 2, 3, 0, 1, 2, 3},
                new float[] {1, 0, 2, 3, 0, 0, 4});
        SparseCode clean = stored.withoutZeros();
        SparseCode expected = SparseCode.fromDense(dense, 3, 4);
        assertArrayEquals(expected.rowStart(), clean.rowStart());
        assertArrayEquals(expected.index(), clean.index());
        assertArrayEquals(expected.value(), clean.value());
        assertArrayEquals(dense, stored.toDense());
        assertSame(clean, clean.withoutZeros(), "no copy when there is nothing to drop");
    }
}
