package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.lm.MiniLm;
import org.sae4j.lm.text.Corpus;
import org.sae4j.lm.tokenizer.Tokenizer;
import org.sae4j.lm.tokenizer.TokenizerJson;

/**
 * Documents numbered elsewhere (a cluster's partition) give the windows a corpus gives the same texts, each carrying
 * its own number; a corpus read from a (document, window) position starts there and counts the documents it skipped.
 */
class TextWindowsTest {
    @Test
    void numberedDocumentsGiveTheCorpussWindows(@TempDir Path dir) throws Exception {
        Tokenizer tok = TokenizerJson.parse("tokenizer.json", MiniLm.model().tokenizer());
        Windows windows = new Windows(tok, 8);
        List<String> lines = List.of("A short one.", "", "A longer document that needs more than one window of six tokens.",
                "The third.");
        Path f = dir.resolve("docs.txt");
        Files.write(f, lines);
        Corpus corpus = Corpus.of(List.of(f.toString()), "text");
        List<Window> fromCorpus = all(new TextWindows(corpus, tok, windows, 0, 0, Long.MAX_VALUE));
        List<Document> docs = List.of(new Document(40, lines.get(0)), new Document(41, lines.get(2)), new Document(7, lines.get(3)));
        TextWindows numbered = new TextWindows(docs.iterator(), tok, windows);
        List<Window> fromDocs = all(numbered);
        assertEquals(3, numbered.documentsRead());
        assertEquals(fromCorpus.size(), fromDocs.size());
        long[] ids = {40, 41, 7};
        for (int i = 0; i < fromCorpus.size(); i++) {
            Window a = fromCorpus.get(i);
            Window b = fromDocs.get(i);
            assertEquals(ids[(int) a.doc()], b.doc(), "window " + i);
            assertEquals(a.index(), b.index());
            assertArrayEquals(a.ids(), b.ids());
        }
        assertTrue(fromCorpus.stream().anyMatch(w -> w.doc() == 1 && w.index() == 1), "document 1 spans windows");

        // from document 1's second window: the rest of document 1, then document 2; documents 0 and 1 count as read
        TextWindows later = new TextWindows(corpus, tok, windows, 1, 1, Long.MAX_VALUE);
        assertEquals(2, later.documentsRead());
        List<Window> rest = all(later);
        assertEquals(fromCorpus.subList(fromCorpus.indexOf(fromCorpus.stream().filter(w -> w.doc() == 1 && w.index() == 1)
                .findFirst().orElseThrow()), fromCorpus.size()).size(), rest.size());
        assertEquals(3, later.documentsRead());
    }

    private static List<Window> all(TextWindows t) {
        List<Window> out = new ArrayList<>();
        for (Window w = t.next(); w != null; w = t.next()) {
            out.add(w);
        }
        assertNull(t.next());
        t.close();
        return out;
    }
}
