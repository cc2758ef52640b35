package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.lm.Fixtures.userError;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sae4j.lm.MiniLm;

/**
 * Captured MiniLM activations against independent computations of the same model, for every layer: layer 0
 * recomputed in Java from the graph's own weights, the last layer against the unpatched model's last_hidden_state,
 * every layer pruned against unpruned, padded batches against one window at a time, and a tokenisation checked by
 * hand. One session with all seven layers serves the class.
 */
class CaptureMiniLmTest {
    private static final int LAYERS = 7;
    private static final String[] TEXTS = {"Hello, my dog is cute",
        "The Jargon File is a common heritage of the hacker culture, and hackers write it.",
        "A hack is an appropriate application of ingenuity. " .repeat(6)};
    private static Capturer all;
    private static List<Window> windows;
    private static Rows rows;

    @BeforeAll
    static void capture() {
        all = MiniLm.capturer(List.of(0, 1, 2, 3, 4, 5, 6), MiniLm.settings());
        windows = new ArrayList<>();
        for (int d = 0; d < TEXTS.length; d++) {
            windows.addAll(all.windows().of(d, all.tokenizer().encode(TEXTS[d]), 0));
        }
        rows = all.encoder().encode(windows, null);
    }

    @AfterAll
    static void close() {
        all.close();
    }

    @Test
    void tokenisationCheckedByHand() {
        // [CLS] hello , my dog is cute [SEP]: the six text tokens are rows, at positions 1 to 6 of window 0, doc 0
        assertArrayEquals(new int[] {7592, 1010, 2026, 3899, 2003, 10140}, java.util.Arrays.copyOf(rows.tokens(), 6));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, java.util.Arrays.copyOf(rows.positions(), 6));
        assertEquals(0, rows.docs()[5]);
        assertEquals(1, rows.docs()[6]);
        // the third text is longer than a window of 32: 30 text tokens per window between [CLS] and [SEP]
        int third = all.tokenizer().encode(TEXTS[2]).length;
        assertEquals((third + 29) / 30, windows.stream().filter(w -> w.doc() == 2).count());
        long textTokens = 0;
        for (String t : TEXTS) {
            textTokens += all.tokenizer().encode(t).length;
        }
        assertEquals(textTokens, rows.size(), "one row per text token, none for [CLS] and [SEP]");
        assertEquals(384, rows.width());
    }

    @Test
    void layerZeroEqualsTheEmbeddingsComputedInJava() {
        BertReference.assertLayerZero(MiniLm.model().onnx(), rows, 0, 384);
    }

    @Test
    void lastLayerEqualsTheUnpatchedModelsOutput() throws Exception {
        BertReference.assertLastLayer(MiniLm.model().onnx(), windows, rows, 6, 384, 1e-5);
    }

    @Test
    void everyLayerPrunedEqualsUnpruned() {
        CaptureSettings s = MiniLm.settings();
        try (Capturer whole = MiniLm.capturer(List.of(0, 1, 2, 3, 4, 5, 6), new CaptureSettings(s.context(), s.batch(),
                false, 0, "F32", 1000, false, 2))) {
            Rows unpruned = whole.encoder().encode(windows, null);
            for (int h = 0; h < LAYERS; h++) {
                assertArrayEquals(java.util.Arrays.copyOf(unpruned.values(h), rows.size() * 384),
                        java.util.Arrays.copyOf(rows.values(h), rows.size() * 384), "layer " + h);
            }
        }
        try (Capturer three = MiniLm.capturer(List.of(3), s)) {
            Rows alone = three.encoder().encode(windows, null);
            assertArrayEquals(java.util.Arrays.copyOf(rows.values(3), rows.size() * 384),
                    java.util.Arrays.copyOf(alone.values(0), rows.size() * 384), "layer 3 pruned to itself");
        }
    }

    @Test
    void paddingChangesNoValue() {
        // batch 4 pads the short windows to the longest; one window at a time pads nothing
        WindowEncoder single = new WindowEncoder(all.session(), 1, false, 0);
        Rows unpadded = single.encode(windows, null);
        for (int h = 0; h < LAYERS; h++) {
            assertArrayEquals(java.util.Arrays.copyOf(unpadded.values(h), rows.size() * 384),
                    java.util.Arrays.copyOf(rows.values(h), rows.size() * 384), "layer " + h);
        }
    }

    @Test
    void specialTokensAreKeptOnlyWhenAsked() {
        WindowEncoder keep = new WindowEncoder(all.session(), 4, true, 0);
        Rows kept = keep.encode(windows.subList(0, 1), null);
        assertArrayEquals(new int[] {101, 7592, 1010, 2026, 3899, 2003, 10140, 102}, java.util.Arrays.copyOf(kept.tokens(), kept.size()));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, java.util.Arrays.copyOf(kept.positions(), kept.size()));
    }

    @Test
    void maxNormRatioDropsExactlyThePositionsFarAboveTheMedian() {
        Rows everything = new WindowEncoder(all.session(), 4, true, 0).encode(windows, null);
        double ratio = 1.1;
        Rows kept = new WindowEncoder(all.session(), 4, true, ratio).encode(windows, null);
        // The rule recomputed: a row goes when at any layer its norm exceeds ratio x that layer's median norm.
        List<Integer> expected = new ArrayList<>();
        double[][] norms = new double[LAYERS][everything.size()];
        for (int h = 0; h < LAYERS; h++) {
            for (int r = 0; r < everything.size(); r++) {
                double s = 0;
                for (int j = 0; j < 384; j++) {
                    double x = everything.values(h)[r * 384 + j];
                    s += x * x;
                }
                norms[h][r] = Math.sqrt(s);
            }
        }
        for (int r = 0; r < everything.size(); r++) {
            boolean keep = true;
            for (int h = 0; h < LAYERS; h++) {
                double[] sorted = norms[h].clone();
                java.util.Arrays.sort(sorted);
                int n = sorted.length;
                double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                keep &= norms[h][r] <= ratio * median;
            }
            if (keep) {
                expected.add(r);
            }
        }
        assertTrue(expected.size() < everything.size(), "the test needs some outliers");
        assertEquals(expected.size(), kept.size());
        for (int i = 0; i < kept.size(); i++) {
            int r = expected.get(i);
            assertEquals(everything.tokens()[r], kept.tokens()[i]);
            assertEquals(everything.positions()[r], kept.positions()[i]);
            assertEquals(everything.values(3)[r * 384 + 7], kept.values(3)[i * 384 + 7]);
        }
    }

    @Test
    void badHooksAndSettingsAreOneSentence() {
        userError(() -> MiniLm.capturer(List.of(7), MiniLm.settings()), "Layer 7", "0 (the embeddings) to 6");
        userError(() -> new Capturer(MiniLm.model(), List.of(), List.of("/encoder/layer.9/nothing"), MiniLm.settings()),
                "Hook '/encoder/layer.9/nothing'", "expected a node output name");
        userError(() -> MiniLm.capturer(List.of(2, 2), MiniLm.settings()), "asked for twice");
        userError(() -> MiniLm.capturer(List.of(1), MiniLm.settings().withContext(600)), "positions for 512");
        userError(() -> MiniLm.capturer(List.of(1), MiniLm.settings().withContext(2)), "--context is 2");
    }
}
