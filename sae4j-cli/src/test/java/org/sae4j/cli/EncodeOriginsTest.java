package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.NpyReader;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.Vocabulary;

/**
 * Rows carry their origin through a BatchSource: {@code encode --data lm:...} (captured as it is read, no store)
 * names the same (document, position, token) for every row as {@code encode} of a store captured from the same
 * text, and gives the same codes; both files are checked line by line against the store's own provenance.
 */
class EncodeOriginsTest {
    @Test
    void anLmSourceNamesTheSameTokensAsAStoreOfTheSameText(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("docs.txt");
        Files.writeString(text, "The quick brown fox jumps over the lazy dog.\n\nA hack is an appropriate application of "
                + "ingenuity; \"quoted\" words, commas, and déjà vu.\n" + "Short.\n" + "word ".repeat(40) + "\n");
        Path store = dir.resolve("acts");
        CliTest.Run c = CliTest.run("capture", "--text", text.toString(), "--layer", "2", "--context", "32", "--threads", "2",
                "-q", "--out", store.toString());
        assertEquals(0, c.code(), c.err());
        Path sae = dir.resolve("sae.safetensors");
        CliTest.Run t = CliTest.run("train", "--arch", "topk", "--k", "4", "--width", "32", "--epochs", "1", "--scale", "none",
                "-q", "--data", store.toString(), "-o", sae.toString());
        assertEquals(0, t.code(), t.err());

        CliTest.Run fromStore = CliTest.run("encode", "-m", sae.toString(), "--data", store.toString(), "-o",
                dir.resolve("store.npy").toString());
        assertEquals(0, fromStore.code(), fromStore.err());
        assertTrue(fromStore.out().contains("store.origins.csv"), fromStore.out());
        CliTest.Run fromLm = CliTest.run("encode", "-m", sae.toString(), "--data",
                "lm:minilm:layer=2:context=32:text=" + text, "-o", dir.resolve("lm.npy").toString());
        assertEquals(0, fromLm.code(), fromLm.err());

        List<String> storeLines = Files.readAllLines(dir.resolve("store.origins.csv"));
        List<String> lmLines = Files.readAllLines(dir.resolve("lm.origins.csv"));
        assertEquals(storeLines, lmLines);
        ActivationStore s = ActivationStore.open(store);
        assertEquals(s.rows() + 1, storeLines.size());
        assertEquals("row,doc,position,token_id,token", storeLines.get(0));
        ActivationStore.Provenance p = s.provenance(0, (int) s.rows());
        Vocabulary v = Vocabulary.read(s.tokenizer());
        for (int r = 0; r < s.rows(); r++) {
            String piece = v.piece(p.tokens()[r]);
            assertEquals(r + "," + p.docs()[r] + "," + p.positions()[r] + "," + p.tokens()[r] + ",\"" + piece.replace("\"", "\"\"")
                    + "\"", storeLines.get(r + 1));
        }
        // the blank line is no document, so the third line of text is doc 2; the long one spans windows of 30 tokens
        assertTrue(storeLines.contains("1,0,2,4248,\"quick\""), storeLines.get(2));
        assertTrue(storeLines.stream().anyMatch(l -> l.endsWith(",\"\"\"\"")), "a quote token, escaped");
        assertEquals(3, p.docs()[(int) s.rows() - 1]);
        assertFalse(Files.exists(dir.resolve("lm.labels.npy")));

        float[] a = NpyReader.read(dir.resolve("store.npy")).values();
        float[] b = NpyReader.read(dir.resolve("lm.npy")).values();
        assertArrayEquals(a, b, "the same rows give the same codes");
    }
}
