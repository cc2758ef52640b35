package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.lm.Fixtures.userError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.onnx.HookedModel;
import org.sae4j.lm.onnx.Hooks;
import org.sae4j.lm.onnx.OnnxGraph;

/**
 * The decoder-only path on the tiny GPT-2-style model that src/test/python/export_tiny_causal.py exported from torch
 * (test resources tiny-gpt2/: model.onnx, its byte-level BPE tokenizer.json, and expected.json with the script's own
 * GPT-2 tokenisation and torch's hidden_states for each text). Every layer captured through {@code --layer} is
 * compared with torch's values; padding on the right (what the capture does) and on the left (with position ids
 * counted from the first real token, as HookedModel feeds them) changes no value.
 */
class CaptureTinyGpt2Test {
    private static final int LAYERS = 3;
    private static final int D = 32;
    private static LanguageModel model;
    private static JsonNode texts;
    private static Capturer all;
    private static List<Window> windows;
    private static Rows rows;

    @BeforeAll
    static void capture() throws Exception {
        Path dir = Path.of(CaptureTinyGpt2Test.class.getResource("/org/sae4j/lm/tiny-gpt2/model.onnx").toURI()).getParent();
        model = LanguageModel.load(dir.resolve("model.onnx").toString(), null);
        texts = new ObjectMapper().readTree(dir.resolve("expected.json").toFile()).get("texts");
        all = new Capturer(model, List.of(0, 1, 2), List.of(), new CaptureSettings(64, 4, false, 0, "F32", 1000, true, 2));
        windows = new ArrayList<>();
        for (int d = 0; d < texts.size(); d++) {
            windows.addAll(all.windows().of(d, all.tokenizer().encode(texts.get(d).get("text").asText()), 0));
        }
        assertEquals(texts.size(), windows.size(), "every text fits one window of 64");
        rows = all.encoder().encode(windows, null);
    }

    @AfterAll
    static void close() {
        all.close();
    }

    @Test
    void tokenisationEqualsTheScriptsGpt2Bpe() {
        for (JsonNode t : texts) {
            int[] expected = new int[t.get("token_ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = t.get("token_ids").get(i).asInt();
            }
            assertArrayEquals(expected, all.tokenizer().encode(t.get("text").asText()), t.get("text").asText());
        }
        assertEquals("byte-level BPE", all.tokenizer().kind());
    }

    @Test
    void layersAreGpt2sHiddenStates() {
        OnnxGraph g = OnnxGraph.parse(model.onnx());
        assertEquals(2, Hooks.blocks(g));
        // layer 0 is wte + wpe, the input of block 0's ln_1; layer 1 block 0's second residual Add; layer 2 ln_f's output
        assertEquals("/Add_output_0", Hooks.layer(g, "tiny", 0));
        assertEquals("/h.0/Add_1_output_0", Hooks.layer(g, "tiny", 1));
        assertEquals("last_hidden_state", Hooks.layer(g, "tiny", 2));
        assertEquals(List.of(0, 1, 2), all.hooks().stream().map(Capturer.Hook::layer).toList());
        userError(() -> Hooks.layer(g, "tiny", 3), "Layer 3", "expected 0 (the embeddings) to 2");
    }

    @Test
    void everyLayerEqualsTorch() {
        assertEquals(LAYERS, all.encoder().hooks());
        int at = 0;
        for (int d = 0; d < texts.size(); d++) {
            JsonNode hs = texts.get(d).get("hidden_states");
            int n = texts.get(d).get("token_ids").size();
            for (int p = 0; p < n; p++, at++) {
                assertEquals(d, rows.docs()[at]);
                assertEquals(p, rows.positions()[at], "no special tokens: row p is input position p");
                assertEquals(texts.get(d).get("token_ids").get(p).asInt(), rows.tokens()[at]);
                for (int l = 0; l < LAYERS; l++) {
                    for (int j = 0; j < D; j++) {
                        double e = hs.get(l).get(p).get(j).asDouble();
                        double diff = Math.abs(e - rows.values(l)[at * D + j]);
                        assertTrue(diff <= 1e-4 * Math.max(1, Math.abs(e)), "text " + d + " position " + p + " layer " + l
                                + " dim " + j + ": torch " + e + ", captured " + rows.values(l)[at * D + j]);
                    }
                }
            }
        }
        assertEquals(rows.size(), at);
    }

    @Test
    void rightPaddingChangesNoValue() {
        // batch 4 pads the three shorter texts on the right; one text at a time pads nothing
        Rows unpadded = new WindowEncoder(all.session(), 1, false, 0).encode(windows, null);
        for (int l = 0; l < LAYERS; l++) {
            assertArrayEquals(Arrays.copyOf(unpadded.values(l), rows.size() * D), Arrays.copyOf(rows.values(l), rows.size() * D),
                    "layer " + l);
        }
    }

    @Test
    void leftPaddingWithPositionsFromTheMaskChangesNoValue() {
        // text 0 (7 tokens) left-padded to the length of text 3 in one batch with it; HookedModel counts position
        // ids from the first real token, and the causal mask with the attention mask hides the padding
        int[] a = windows.get(0).ids();
        int[] b = windows.get(3).ids();
        int seq = b.length;
        long[] ids = new long[2 * seq];
        long[] mask = new long[2 * seq];
        for (int i = 0; i < a.length; i++) {
            ids[seq - a.length + i] = a[i];
            mask[seq - a.length + i] = 1;
        }
        for (int i = 0; i < seq; i++) {
            ids[seq + i] = b[i];
            mask[seq + i] = 1;
        }
        HookedModel.Output o = all.session().run(ids, mask, 2, seq);
        int startOfText3 = a.length + windows.get(1).length() + windows.get(2).length();
        for (int l = 0; l < LAYERS; l++) {
            float[] v = o.values().get(l);
            for (int p = 0; p < a.length; p++) {
                for (int j = 0; j < D; j++) {
                    assertEquals(rows.values(l)[p * D + j], v[(seq - a.length + p) * D + j], 1e-5, "left-padded, layer " + l);
                }
            }
            for (int p = 0; p < seq; p++) {
                for (int j = 0; j < D; j++) {
                    assertEquals(rows.values(l)[(startOfText3 + p) * D + j], v[(seq + p) * D + j], 1e-5, "unpadded row, layer " + l);
                }
            }
        }
    }

    @Test
    void contextBeyondThePositionEmbeddingIsRefused() {
        userError(() -> new Capturer(model, List.of(1), List.of(), new CaptureSettings(65, 4, false, 0, "F32", 1000, true, 1)),
                "--context is 65", "positions for 64 tokens");
    }
}
