package org.sae4j.lm.browse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreModel;
import org.sae4j.lm.MiniLm;
import org.sae4j.lm.capture.CaptureSettings;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.StoreCapture;
import org.sae4j.lm.text.Corpus;

/**
 * The browser's seam, found through ServiceLoader: a reader's text run in-process lands exactly on the rows the
 * capture wrote for the same document, and the token lens gets MiniLM's word embedding.
 */
class LmStoreModelTest {
    @Test
    void tryYourOwnTextGivesTheCapturedRows(@TempDir Path dir) throws Exception {
        String text = "Paris is the capital of France, and the Jargon File explains hackers.";
        Path docs = dir.resolve("docs.txt");
        Files.write(docs, List.of(text));
        Path store = dir.resolve("acts");
        try (Capturer c = MiniLm.capturer(List.of(3), new CaptureSettings(32, 4, false, 0, "F32", 1000, true, 2))) {
            StoreCapture.run(c, Corpus.of(List.of(docs.toString()), "text"), store, null);
        }
        ActivationStore s = ActivationStore.open(store);
        Optional<StoreModel> found = StoreModel.find(store, s.info());
        assertTrue(found.isPresent(), "sae4j-lm provides the store's model");
        try (StoreModel m = found.get()) {
            StoreModel.Capture cap = m.capture(text);
            assertEquals(s.rows(), cap.rows());
            assertEquals(s.info().dModel(), cap.dModel());
            ActivationStore.Provenance p = s.provenance(0, (int) s.rows());
            assertArrayEquals(p.tokens(), cap.tokenIds());
            float[] stored = new float[(int) s.rows() * s.info().dModel()];
            try (Shards acts = Shards.open(store.toString())) {
                acts.read(0, (int) s.rows(), stored, 0);
            }
            assertArrayEquals(stored, cap.activations(), "the same window, the same hook, the same bits");
            assertEquals("paris", cap.tokens()[0]);
            float[] e = m.inputEmbedding();
            assertNotNull(e);
            assertEquals(30522L * 384, e.length, "MiniLM's word embedding, vocabulary x d_model");
            assertEquals(0, m.capture("").rows());
        }
    }
}
