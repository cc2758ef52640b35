package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.onnx.OnnxGraph;

/**
 * {@code e5-small} (E5 small v2, 12 blocks, 384 wide) loaded by name, captured at layers 0, 6 and 12 and checked as
 * CaptureMiniLmTest checks MiniLM: layer 0 against LayerNorm(word + position + type) recomputed in Java from the
 * graph's own weights, layer 12 against the unpatched model's last_hidden_state one window at a time, and a padded
 * batch against unpadded runs for every captured layer.
 */
class CaptureE5SmallTest {
    private static final int D = 384;
    private static final String[] TEXTS = {"query: how much protein should a female eat",
        "passage: As a general guideline, the CDC's average requirement of protein for women ages 19 to 70 is 46 grams per day.",
        "Crème brûlée, naïveté and 東京 are tokenised as BERT's uncased vocabulary says. " .repeat(3)};
    private static LanguageModel model;
    private static Capturer capturer;
    private static List<Window> windows;
    private static Rows rows;

    @BeforeAll
    static void capture() {
        model = LanguageModel.load("e5-small", null);
        capturer = new Capturer(model, List.of(0, 6, 12), List.of(), new CaptureSettings(32, 4, false, 0, "F32", 1000, true, 2));
        windows = new ArrayList<>();
        for (int d = 0; d < TEXTS.length; d++) {
            windows.addAll(capturer.windows().of(d, capturer.tokenizer().encode(TEXTS[d]), 0));
        }
        assertTrue(windows.size() > TEXTS.length, "the long text needs several windows");
        rows = capturer.encoder().encode(windows, null);
    }

    @AfterAll
    static void close() {
        capturer.close();
    }

    @Test
    void layerZeroEqualsTheEmbeddingsComputedInJava() {
        BertReference.assertLayerZero(model.onnx(), rows, 0, D);
    }

    @Test
    void lastLayerEqualsTheUnpatchedModelsOutput() throws Exception {
        BertReference.assertLastLayer(model.onnx(), windows, rows, 2, D, 1e-4);
    }

    @Test
    void paddingChangesNoValue() {
        Rows unpadded = new WindowEncoder(capturer.session(), 1, false, 0).encode(windows, null);
        for (int h = 0; h < 3; h++) {
            assertArrayEquals(Arrays.copyOf(unpadded.values(h), rows.size() * D), Arrays.copyOf(rows.values(h), rows.size() * D),
                    "hook " + h);
        }
        assertEquals(12, org.sae4j.lm.onnx.Hooks.blocks(OnnxGraph.parse(model.onnx())));
    }
}
