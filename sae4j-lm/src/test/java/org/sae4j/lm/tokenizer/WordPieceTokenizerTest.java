package org.sae4j.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sae4j.lm.MiniLm;

/**
 * MiniLM's tokenizer.json (bert-base-uncased's vocabulary) on a multilingual sample. Python's {@code tokenizers}
 * cannot be installed here (no PyPI), so the expectations were made without it: "Hello, my dog is cute" is Hugging
 * Face's documented output for this vocabulary; for the rest the normalised words were written by hand from
 * BertNormalizer's rules (noted per case) and the greedy longest-match ids looked up in tokenizer.json's vocab by a
 * separate 15-line Python script.
 */
class WordPieceTokenizerTest {
    private static Tokenizer tok;

    @BeforeAll
    static void load() {
        tok = TokenizerJson.parse("minilm", MiniLm.model().tokenizer());
    }

    @Test
    void huggingFacesDocumentedExample() {
        assertArrayEquals(new int[] {7592, 1010, 2026, 3899, 2003, 10140}, tok.encode("Hello, my dog is cute"));
        assertArrayEquals(new int[] {101}, tok.prefix());
        assertArrayEquals(new int[] {102}, tok.suffix());
        assertEquals(30522, tok.vocabSize());
        assertEquals("WordPiece", tok.kind());
    }

    @Test
    void greedyLongestMatchWithContinuationPrefix() {
        assertArrayEquals(new int[] {14477, 20961, 3468}, tok.encode("unaffable")); // una ##ffa ##ble
        assertEquals("##ffa", tok.token(20961));
    }

    @Test
    void accentsAreStrippedAndTextLowercased() {
        // hello world , naive cafe !
        assertArrayEquals(new int[] {7592, 2088, 1010, 15743, 7668, 999}, tok.encode("Héllo Wörld, naïve café!"));
        // İ is I + U+0307 after NFD; the mark goes, then I lowercases to i
        assertArrayEquals(new int[] {9960}, tok.encode("İstanbul"));
        // ß has no decomposition and stays; Greek capitals lowercase one at a time, so the last Σ is σ, not final ς
        assertArrayEquals(new int[] {2358, 27807, 1173, 18199, 29733, 29735, 29736, 29730, 29733}, tok.encode("Straße ΣΊΣΥΦΟΣ"));
        // « sen ##or » — ¿ que ?
        assertArrayEquals(new int[] {1077, 12411, 2953, 1090, 1517, 1094, 10861, 1029}, tok.encode("«Señor» — ¿qué?"));
    }

    @Test
    void cjkIdeographsAreWordsButKanaIsNot() {
        // each ideograph alone; 爱 is not in the vocabulary, so that word is [UNK]
        assertArrayEquals(new int[] {1855, 100, 1781, 1755}, tok.encode("我爱北京"));
        // hiragana is not split: one word, matched piece by piece
        assertArrayEquals(new int[] {1655, 30217, 30194, 30188, 30198}, tok.encode("こんにちは"));
    }

    @Test
    void punctuationAndAsciiSymbolsAreWordsOfTheirOwn() {
        // e - mail : x @ y . com ( 123 ##4 )
        assertArrayEquals(new int[] {1041, 1011, 5653, 1024, 1060, 1030, 1061, 1012, 4012, 1006, 13138, 2549, 1007},
                tok.encode("e-mail: x@y.com (1234)"));
        assertArrayEquals(new int[] {1002, 999, 1029}, tok.encode("$!?"));
    }

    @Test
    void wordsOverOneHundredCharactersAreUnknown() {
        assertArrayEquals(new int[] {100}, tok.encode("a".repeat(101)));
        int[] hundred = tok.encode("a".repeat(100));
        assertEquals(50, hundred.length); // aaa, 48 x ##aa, ##a
        assertEquals(13360, hundred[0]);
        assertEquals(2050, hundred[49]);
    }

    @Test
    void emptyAndBlankTextGiveNoTokens() {
        assertArrayEquals(new int[0], tok.encode(""));
        assertArrayEquals(new int[0], tok.encode(" \t\n\r\u3000 "));
    }

    @Test
    void controlCharactersGoAndUnicodeSpacesSplit() {
        // NUL and a zero-width space (format) are removed, joining a and b; a no-break space separates: ab c
        assertArrayEquals(new int[] {11113, 1039}, tok.encode("a\u0000b\u200B\u00A0c"));
    }

    @Test
    void addedTokensAreFoundInRawText() {
        assertArrayEquals(new int[] {7592, 103, 999}, tok.encode("hello [MASK]!"));
        assertArrayEquals(new int[] {1031, 7308, 1033}, tok.encode("[mask]")); // lower case is plain text: [ mask ]
    }
}
