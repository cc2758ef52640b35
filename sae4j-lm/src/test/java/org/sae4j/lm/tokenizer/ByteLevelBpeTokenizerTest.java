package org.sae4j.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sae4j.lm.Fixtures.userError;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Byte-level BPE on a hand-made GPT-2-style tokenizer.json (test resource tiny-bpe-tokenizer.json, written by a short
 * Python script with its own bytes_to_unicode): ids 0-255 are the 256 bytes by value, 256-261 the merges
 * t+h, th+e, Ġ+c, Ġc+a, Ġca+t, Ġ+the in that rank order, 262 is &lt;|endoftext|&gt;. The expected ids follow from
 * GPT-2's split pattern and lowest-rank-first merging, worked out by hand below.
 */
class ByteLevelBpeTokenizerTest {
    private static Tokenizer tok;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ByteLevelBpeTokenizerTest.class.getResourceAsStream("/org/sae4j/lm/tiny-bpe-tokenizer.json")) {
            tok = TokenizerJson.parse("tiny-bpe", in.readAllBytes());
        }
    }

    @Test
    void mergesApplyLowestRankFirst() {
        // "the" -> t h e -> (t h: rank 0) th e -> (th e: rank 1) the = 257
        assertArrayEquals(new int[] {257}, tok.encode("the"));
        // " cat" is one pre-token: Ġ c a t -> Ġc a t -> Ġca t -> Ġcat = 260; " the" -> Ġ the -> Ġthe = 261
        assertArrayEquals(new int[] {257, 260, 261}, tok.encode("the cat the"));
        // "cat" without the space has no merge for c+a: bytes c, a, t
        assertArrayEquals(new int[] {'c', 'a', 't'}, tok.encode("cat"));
        assertEquals("byte-level BPE", tok.kind());
        assertArrayEquals(new int[0], tok.prefix());
        assertArrayEquals(new int[0], tok.suffix());
    }

    @Test
    void everyByteOfUtf8IsAToken() {
        // é is C3 A9 in UTF-8; 中 is E4 B8 AD; a newline is byte 0A (mapped to Ċ, still id 10)
        assertArrayEquals(new int[] {0xC3, 0xA9}, tok.encode("é"));
        assertArrayEquals(new int[] {0xE4, 0xB8, 0xAD}, tok.encode("中"));
        assertArrayEquals(new int[] {'a', '\n'}, tok.encode("a\n"));
    }

    @Test
    void gpt2PatternSplitsContractionsNumbersAndSpaces() {
        // pre-tokens: "it", "'s", " 42", "!!", "  " (spaces before a non-space keep one for the next word), " x"
        assertArrayEquals(new int[] {'i', 't', '\'', 's', ' ', '4', '2', '!', '!', ' ', ' ', 'x'}, tok.encode("it's 42!!  x"));
    }

    @Test
    void addedTokensAreMatchedBeforeSplitting() {
        assertArrayEquals(new int[] {257, 262, 260}, tok.encode("the<|endoftext|> cat"));
        assertEquals(263, tok.vocabSize());
    }

    @Test
    void unsupportedTokenizersAreOneSentence() {
        userError(() -> TokenizerJson.parse("x.json", "not json".getBytes()), "x.json", "not valid JSON");
        userError(() -> TokenizerJson.parse("x.json", "{\"model\": {\"type\": \"Unigram\", \"vocab\": {\"a\": 0}}}".getBytes()),
                "model.type 'Unigram'", "WordPiece");
        userError(() -> TokenizerJson.parse("x.json", ("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": []},"
                + "\"pre_tokenizer\": {\"type\": \"Metaspace\"}}").getBytes()), "without a ByteLevel pre-tokenizer");
        userError(() -> TokenizerJson.parse("x.json", "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}".getBytes()),
                "empty 'model.vocab'");
    }
}
