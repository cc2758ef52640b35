package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sae4j.lm.onnx.OnnxGraph;

/**
 * Independent computations of a BERT-family model's streams that the capture tests hold captured rows to: layer 0
 * recomputed in Java from the graph's embedding weights, and the last layer from the unpatched model's own
 * {@code last_hidden_state} (one window at a time, no padding). Shared by every model's capture test.
 */
final class BertReference {
    private BertReference() {
    }

    /** Hook {@code hook} of {@code rows} is layer 0: LayerNorm(word + position + token type) of each row's token. */
    static void assertLayerZero(byte[] onnx, Rows rows, int hook, int d) {
        OnnxGraph g = OnnxGraph.parse(onnx);
        float[] word = g.floats("embeddings.word_embeddings.weight");
        float[] pos = g.floats("embeddings.position_embeddings.weight");
        float[] type = g.floats("embeddings.token_type_embeddings.weight");
        float[] gamma = g.floats("embeddings.LayerNorm.weight");
        float[] beta = g.floats("embeddings.LayerNorm.bias");
        double worst = 0;
        for (int r = 0; r < rows.size(); r++) {
            double[] x = new double[d];
            double mean = 0;
            for (int j = 0; j < d; j++) {
                x[j] = word[rows.tokens()[r] * d + j] + pos[rows.positions()[r] * d + j] + type[j];
                mean += x[j] / d;
            }
            double var = 0;
            for (int j = 0; j < d; j++) {
                var += (x[j] - mean) * (x[j] - mean) / d;
            }
            for (int j = 0; j < d; j++) {
                double expected = (x[j] - mean) / Math.sqrt(var + 1e-12) * gamma[j] + beta[j];
                worst = Math.max(worst, Math.abs(expected - rows.values(hook)[r * d + j]));
            }
        }
        assertTrue(worst < 1e-4, "layer 0 differs from LayerNorm(word + position + type) by " + worst);
    }

    /**
     * Hook {@code hook} of {@code rows} (captured from {@code windows}, [CLS] and [SEP] not written) equals the
     * unpatched model's {@code last_hidden_state} within {@code tolerance}.
     */
    static void assertLastLayer(byte[] onnx, List<Window> windows, Rows rows, int hook, int d, double tolerance)
            throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(2);
            try (OrtSession s = env.createSession(onnx, o)) {
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
                            for (int j = 0; j < d; j++) {
                                assertEquals(out[0][p][j], rows.values(hook)[at * d + j], tolerance, "row " + at);
                            }
                        }
                    }
                }
                assertEquals(rows.size(), at);
            }
        }
    }
}
