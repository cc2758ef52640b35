package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.lm.MiniLm;
import org.sae4j.lm.onnx.OnnxGraph;

/**
 * The paired hooks a transcoder of MiniLM's block i reads and writes (issue 20): the MLP's input is the block's
 * post-attention LayerNorm output, {@code /encoder/layer.{i}/attention/output/LayerNorm/Add_1_output_0}, and its output
 * the output dense projection before the residual add, {@code /encoder/layer.{i}/output/dense/Add_output_0}. Checked
 * against an independent computation: the block's output (hidden_states[i + 1], checked elsewhere against the
 * unpatched model) must equal LayerNorm(MLP output + MLP input) with the block's own LayerNorm weights (ε 1e-12).
 */
class MlpPairsTest {
    static String mlpIn(int block) {
        return "/encoder/layer." + block + "/attention/output/LayerNorm/Add_1_output_0";
    }

    static String mlpOut(int block) {
        return "/encoder/layer." + block + "/output/dense/Add_output_0";
    }

    @Test
    void blockOutputIsTheLayerNormOfMlpOutputPlusItsInput() {
        int block = 2;
        try (Capturer c = new Capturer(MiniLm.model(), List.of(block + 1), List.of(mlpIn(block), mlpOut(block)),
                MiniLm.settings())) {
            List<Window> windows = new ArrayList<>();
            String[] texts = {"The Jargon File is a common heritage of the hacker culture.", "A hack is an appropriate "
                    + "application of ingenuity, and a kludge is not."};
            for (int d = 0; d < texts.length; d++) {
                windows.addAll(c.windows().of(d, c.tokenizer().encode(texts[d]), 0));
            }
            Rows rows = c.encoder().encode(windows, null);
            assertEquals(3, c.hooks().size());
            OnnxGraph g = OnnxGraph.parse(MiniLm.model().onnx());
            float[] gamma = g.floats("encoder.layer." + block + ".output.LayerNorm.weight");
            float[] beta = g.floats("encoder.layer." + block + ".output.LayerNorm.bias");
            int d = rows.width();
            float[] out = rows.values(0);
            float[] in = rows.values(1);
            float[] mlp = rows.values(2);
            double worst = 0;
            for (int r = 0; r < rows.size(); r++) {
                double mean = 0;
                double[] s = new double[d];
                for (int j = 0; j < d; j++) {
                    s[j] = (double) mlp[r * d + j] + in[r * d + j];
                    mean += s[j];
                }
                mean /= d;
                double var = 0;
                for (int j = 0; j < d; j++) {
                    var += (s[j] - mean) * (s[j] - mean);
                }
                var /= d;
                for (int j = 0; j < d; j++) {
                    double expected = (s[j] - mean) / Math.sqrt(var + 1e-12) * gamma[j] + beta[j];
                    worst = Math.max(worst, Math.abs(expected - out[r * d + j]));
                }
            }
            assertTrue(rows.size() > 20, "rows: " + rows.size());
            assertTrue(worst < 1e-4, "largest difference " + worst);
        }
    }
}
