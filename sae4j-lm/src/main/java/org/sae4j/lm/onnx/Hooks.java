package org.sae4j.lm.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sae4j.InvalidInputException;

/**
 * Names of the residual stream in a BERT-family export, in Hugging Face's {@code hidden_states} numbering: layer 0 is
 * the embeddings' LayerNorm output, layer i the output LayerNorm of block i - 1 (these exports are post-LN, so the
 * stream between blocks is that LayerNorm's output). The last block's LayerNorm output is the graph's own output
 * ({@code last_hidden_state}) rather than a named intermediate tensor, so the last layer is found as the model output.
 */
public final class Hooks {
    public static final String EMBEDDINGS = "/embeddings/LayerNorm/Add_1_output_0";
    private static final Pattern BLOCK = Pattern.compile("^/encoder/layer\\.(\\d+)/");

    private Hooks() {
    }

    /** How many transformer blocks the graph has (0 when its names are not a BERT export's). */
    public static int blocks(OnnxGraph g) {
        int max = -1;
        for (OnnxGraph.Node n : g.nodes()) {
            for (String o : n.outputs()) {
                Matcher m = BLOCK.matcher(o);
                if (m.find()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max + 1;
    }

    /** The tensor of hidden_states[{@code layer}] in the graph of model {@code name}. */
    public static String layer(OnnxGraph g, String name, int layer) {
        int blocks = blocks(g);
        if (blocks == 0 || !g.hasTensor(EMBEDDINGS)) {
            throw new InvalidInputException("Model '" + name + "' has no tensors named as a BERT export names them ('"
                    + EMBEDDINGS + "', '/encoder/layer.N/...'); expected a BERT-family ONNX model for --layer, or give "
                    + "--hook NAME.");
        }
        if (layer < 0 || layer > blocks) {
            throw new InvalidInputException("Layer " + layer + " is not in model '" + name + "'; expected 0 (the embeddings) to "
                    + blocks + " (the last of its " + blocks + " blocks).");
        }
        if (layer == 0) {
            return EMBEDDINGS;
        }
        String t = "/encoder/layer." + (layer - 1) + "/output/LayerNorm/Add_1_output_0";
        if (g.hasTensor(t)) {
            return t;
        }
        if (layer == blocks && g.outputs().size() == 1) {
            return g.outputs().get(0);
        }
        throw new InvalidInputException("Model '" + name + "' has no tensor '" + t + "' for layer " + layer
                + "; expected a BERT export's naming, or give --hook NAME.");
    }

    /** Checks that {@code hook} is a tensor of the graph, naming a few it could have meant. */
    public static String hook(OnnxGraph g, String name, String hook) {
        if (g.hasTensor(hook) && g.producer(hook) != null) {
            return hook;
        }
        List<String> near = new ArrayList<>();
        String key = hook.toLowerCase(java.util.Locale.ROOT);
        for (OnnxGraph.Node n : g.nodes()) {
            for (String o : n.outputs()) {
                if (near.size() < 3 && !key.isEmpty() && o.toLowerCase(java.util.Locale.ROOT).contains(
                        key.substring(0, Math.min(key.length(), 12)))) {
                    near.add(o);
                }
            }
        }
        throw new InvalidInputException("Hook '" + hook + "' is not a tensor any node of model '" + name + "' computes; "
                + "expected a node output name" + (near.isEmpty() ? " (e.g. '" + EMBEDDINGS + "')" : " such as '"
                + String.join("', '", near) + "'") + ".");
    }
}
