package org.sae4j.data.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;

/** Token texts of the three tokenizer families concatenate back into the text. */
class VocabularyTest {
    @Test
    void wordPieceBytLevelBpeAndSentencePiece(@TempDir Path dir) throws Exception {
        Path wp = Files.writeString(dir.resolve("wp.json"), "{\"added_tokens\": [{\"id\": 0, \"content\": \"[CLS]\", "
                + "\"special\": true}], \"model\": {\"type\": \"WordPiece\", \"vocab\": {\"[CLS]\": 0, \"play\": 1, \"##ing\": 2}}}");
        Vocabulary v = Vocabulary.read(wp);
        assertEquals(" playing", v.text(1) + v.text(2));
        assertTrue(v.isSpecial(0));
        assertEquals("<9>", v.text(9));

        Path bpe = Files.writeString(dir.resolve("bpe.json"), "{\"pre_tokenizer\": {\"type\": \"ByteLevel\"}, \"model\": "
                + "{\"type\": \"BPE\", \"vocab\": {\"\u0120Paris\": 0, \"\u010a\": 1, \"\u00c3\u00a9t\u00c3\u00a9\": 2}}}");
        Vocabulary b = Vocabulary.read(bpe);
        assertEquals(" Paris", b.text(0));
        assertEquals("\n", b.text(1));
        assertEquals("\u00e9t\u00e9", b.text(2), "UTF-8 bytes spelled as characters decode back");
        assertEquals("\u0120Paris", b.piece(0));

        Path sp = Files.writeString(dir.resolve("sp.json"), "{\"model\": {\"type\": \"Unigram\", \"vocab\": [[\"<unk>\", 0], "
                + "[\"\u2581Paris\", -3.5]]}}");
        assertEquals(" Paris", Vocabulary.read(sp).text(1));

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"model\": {}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Vocabulary.read(bad));
        assertTrue(e.getMessage().contains("model.vocab"), e.getMessage());
    }
}
