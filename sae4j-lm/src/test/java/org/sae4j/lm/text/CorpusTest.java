package org.sae4j.lm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded corpus reads as SOURCES.txt describes it: the Jargon File and The Devil's Dictionary first (their 5,506
 * documents keep the numbers they had before the Bible was added), then the King James Bible, a chapter a document.
 */
class CorpusTest {
    @Test
    void theEmbeddedCorpusIsItsTwoPartsInOrder() {
        long count = 0;
        String lastOfFirstPart = null;
        String firstOfBible = null;
        String last = null;
        try (Documents d = Corpus.of(List.of(), "text").open()) {
            for (String t = d.next(); t != null; t = d.next()) {
                assertTrue(!t.isBlank() && t.equals(t.strip()), "document " + count);
                if (count == 5_505) {
                    lastOfFirstPart = t;
                } else if (count == 5_506) {
                    firstOfBible = t;
                }
                last = t;
                count++;
            }
        }
        assertEquals(6_695, count);
        assertTrue(firstOfBible.startsWith("In the beginning God created the heaven and the earth. And the earth was"),
                firstOfBible.substring(0, 80));
        assertTrue(last.endsWith("The grace of our Lord Jesus Christ be with you all. Amen."), last);
        assertTrue(lastOfFirstPart.startsWith("ZOOLOGY, n. The science and history of the animal kingdom"), lastOfFirstPart);
        try (Documents d = Corpus.of(List.of(Corpus.EMBEDDED), "text").limit(3L).open()) {
            int n = 0;
            while (d.next() != null) {
                n++;
            }
            assertEquals(3, n, "--documents cuts the embedded corpus too");
        }
    }
}
