package org.sae4j.lm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.sae4j.InvalidInputException;

/** Shared assertions of the sae4j-lm tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code action} fails with one sentence (one line, ending in a full stop) that contains every fragment. */
    public static InvalidInputException userError(Executable action, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "more than one line: " + m);
        assertTrue(m.endsWith("."), "not a sentence: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "'" + f + "' missing from: " + m);
        }
        return e;
    }
}
