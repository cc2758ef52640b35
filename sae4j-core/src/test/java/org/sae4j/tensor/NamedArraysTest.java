package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;

class NamedArraysTest {
    private static NamedArrays sample() {
        return new NamedArrays().put("format", "f1").put("w", new float[] {1f, 2f}).put("m", new double[] {0.5})
                .put("n", new long[] {3, 4});
    }

    @Test
    void keepsInsertionOrderAndCopiesWhatIsPut() {
        float[] w = {1f, 2f};
        NamedArrays s = new NamedArrays().put("w", w).put("a", "x");
        w[0] = 9f;
        assertEquals(List.of("w", "a"), s.names());
        assertArrayEquals(new float[] {1f, 2f}, s.floats("w"));
        assertEquals("x", s.text("a"));
    }

    @Test
    void addsScalesAndComparesEntryByEntry() {
        NamedArrays a = sample();
        NamedArrays b = sample();
        assertEquals(a, b);
        a.addInto(b);
        assertArrayEquals(new float[] {2f, 4f}, a.floats("w"));
        assertArrayEquals(new double[] {1.0}, a.doubles("m"));
        assertArrayEquals(new long[] {6, 8}, a.longs("n"));
        assertEquals("f1", a.text("format"), "texts are not added");
        a.scale("w", 0.25);
        assertArrayEquals(new float[] {0.5f, 1f}, a.floats("w"));
        assertNotEquals(a, b);
        assertTrue(a.equalAt("format", b));
        assertFalse(a.equalAt("w", b));
    }

    @Test
    void copyIsDeep() {
        NamedArrays a = sample();
        NamedArrays c = a.copy();
        c.floats("w")[0] = 7f;
        assertEquals(1f, a.floats("w")[0]);
    }

    @Test
    void refusesToAddMismatchedEntriesAndNamesAMissingOne() {
        NamedArrays a = sample();
        NamedArrays b = new NamedArrays().put("w", new float[] {1f});
        assertThrows(IllegalArgumentException.class, () -> a.addInto("w", b));
        assertThrows(IllegalArgumentException.class, () -> a.addInto("m", b));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.floats("missing"));
        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> a.longs("w"), "a float entry is not read as longs");
    }
}
