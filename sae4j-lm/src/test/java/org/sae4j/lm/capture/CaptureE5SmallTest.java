package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        OnnxGraph g = OnnxGraph.parse(model.onnx());
        float[] word = g.floats("embeddings.word_embeddings.weight");
        float[] pos = g.floats("embeddings.position_embeddings.weight");
        float[] type = g.floats("embeddings.token_type_embeddings.weight");
        float[] gamma = g.floats("embeddings.LayerNorm.weight");
        float[] beta = g.floats("embeddings.LayerNorm.bias");
        double worst = 0;
        for (int r = 0; r < rows.size(); r++) {
            double[] x = new double[D];
            double mean = 0;
            for (int j = 0; j < D; j++) {
                x[j] = word[rows.tokens()[r] * D + j] + pos[rows.positions()[r] * D + j] + type[j];
                mean += x[j] / D;
            }
            double var = 0;
            for (int j = 0; j < D; j++) {
                var += (x[j] - mean) * (x[j] - mean) / D;
            }
            for (int j = 0; j < D; j++) {
                double expected = (x[j] - mean) / Math.sqrt(var + 1e-12) * gamma[j] + beta[j];
                worst = Math.max(worst, Math.abs(expected - rows.values(0)[r * D + j]));
            }
        }
        assertTrue(worst < 1e-4, "layer 0 differs from LayerNorm(word + position + type) by " + worst);
    }

    @Test
    void lastLayerEqualsTheUnpatchedModelsOutput() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(2);
            try (OrtSession s = env.createSession(model.onnx(), o)) {
                int at = 0;
                for (Window w : windows) {
                    long[] ids = Arrays.stream(w.ids()).asLongStream().toArray();
                    long[] shape = {1, ids.length};
                    long[] ones = new long[ids.length];
                    Arrays.fill(ones, 1);
                    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                         OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                         OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
                         OrtSession.Result r = s.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
                        float[][][] out = (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
                        for (int p = 1; p < ids.length - 1; p++, at++) {
                            for (int j = 0; j < D; j++) {
                                assertEquals(out[0][p][j], rows.values(2)[at * D + j], 1e-4, "row " + at);
                            }
                        }
                    }
                }
                assertEquals(rows.size(), at);
            }
        }
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
