package org.sae4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void controlAndFormatCharactersFromAFileAreShownAsEscapes() {
        // An ANSI escape, a newline and a right-to-left override, as a hostile tensor name might hold them.
        assertEquals("Tensor '\\u001b[31mW\\u000a\\u202egnp.' is missing.",
                ErrorText.printable("Tensor '\u001b[31mW\n\u202egnp.' is missing."));
    }

    @Test
    void plainTextAndNullStayReadable() {
        assertEquals("Données 'x' ok: λ = 1e-3.", ErrorText.printable("Données 'x' ok: λ = 1e-3."));
        assertEquals("", ErrorText.printable(null));
    }
}
