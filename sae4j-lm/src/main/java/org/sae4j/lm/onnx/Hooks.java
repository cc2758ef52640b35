package org.sae4j.lm.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sae4j.InvalidInputException;

/**
 * Where {@code --layer N} finds the residual stream, in Hugging Face's {@code hidden_states} numbering (layer 0 the
 * embeddings, layer i the stream after block i - 1), for the two ways exports name their tensors:
 * <ul>
 * <li>BERT ({@code /embeddings/...}, {@code /encoder/layer.N/...}): post-LN, so layer 0 is the embeddings' LayerNorm
 * output and layer i the output LayerNorm of block i - 1; the last one is the graph's output ({@code
 * last_hidden_state}) rather than a named intermediate tensor.</li>
 * <li>GPT-2 ({@code wte}, {@code wpe}, {@code h.N/ln_1}, {@code ln_f}, under any module prefix such as {@code
 * /transformer/}, as torch.onnx and Optimum export GPT2Model and GPT2LMHeadModel): pre-LN, so layer i &lt; blocks is
 * the input of block i (the tensor its {@code ln_1} normalises: the embeddings' sum for layer 0, block i - 1's second
 * residual Add after that), and layer {@code blocks} is {@code ln_f}'s output, exactly as Hugging Face's GPT2Model
 * lists them; the last block's stream before {@code ln_f} is in no hidden_states and is asked for with {@code --hook}.
 * </li>
 * </ul>
 * The GPT-2 tensors are found from the graph's structure within the named scopes (the first input of block i's first
 * {@code ln_1} node, the output of the last {@code ln_f} node), so an exporter's numbering of Add nodes does not matter.
 */
public final class Hooks {
    public static final String EMBEDDINGS = "/embeddings/LayerNorm/Add_1_output_0";
    private static final Pattern BLOCK = Pattern.compile("^/encoder/layer\\.(\\d+)/");
    private static final Pattern GPT2_BLOCK = Pattern.compile("^(/(?:[^/]+/)*?)h\\.(\\d+)/ln_1/");

    private Hooks() {
    }

    /** How many transformer blocks the graph has (0 when its names are neither a BERT nor a GPT-2 export's). */
    public static int blocks(OnnxGraph g) {
        int bert = count(g, BLOCK, 1);
        return bert > 0 ? bert : count(g, GPT2_BLOCK, 2);
    }

    private static int count(OnnxGraph g, Pattern p, int group) {
        int max = -1;
        for (OnnxGraph.Node n : g.nodes()) {
            for (String o : n.outputs()) {
                Matcher m = p.matcher(o);
                if (m.find()) {
                    max = Math.max(max, Integer.parseInt(m.group(group)));
                }
            }
            Matcher m = p.matcher(n.name());
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(group)));
            }
        }
        return max + 1;
    }

    /** The scope a node belongs to: its name, which exporters set to the module path (the graph output keeps it). */
    private static String scope(OnnxGraph.Node n) {
        return !n.name().isEmpty() ? n.name() : n.outputs().isEmpty() ? "" : n.outputs().get(0);
    }

    /** The tensor of hidden_states[{@code layer}] in the graph of model {@code name}. */
    public static String layer(OnnxGraph g, String name, int layer) {
        boolean bert = count(g, BLOCK, 1) > 0 && g.hasTensor(EMBEDDINGS);
        int blocks = blocks(g);
        if (!bert && blocks == 0) {
            throw new InvalidInputException("Model '" + name + "' names its tensors neither as a BERT export ('" + EMBEDDINGS
                    + "', '/encoder/layer.N/...') nor as a GPT-2 export ('h.N/ln_1/...', 'ln_f/...'), so --layer cannot "
                    + "find its residual stream; give --hook NAME with a tensor of the graph.");
        }
        if (layer < 0 || layer > blocks) {
            throw new InvalidInputException("Layer " + layer + " is not in model '" + name + "'; expected 0 (the embeddings) to "
                    + blocks + " (the last of its " + blocks + " blocks).");
        }
        return bert ? bertLayer(g, name, layer, blocks) : gpt2Layer(g, name, layer, blocks);
    }

    private static String bertLayer(OnnxGraph g, String name, int layer, int blocks) {
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

    private static String gpt2Layer(OnnxGraph g, String name, int layer, int blocks) {
        String prefix = null;
        for (OnnxGraph.Node n : g.nodes()) {
            Matcher m = GPT2_BLOCK.matcher(scope(n));
            if (m.find()) {
                prefix = m.group(1);
                break;
            }
        }
        String scope = layer < blocks ? prefix + "h." + layer + "/ln_1/" : prefix + "ln_f/";
        OnnxGraph.Node found = null;
        for (OnnxGraph.Node n : g.nodes()) {
            if (scope(n).startsWith(scope)) {
                found = n;
                if (layer < blocks) {
                    break;
                }
            }
        }
        if (found == null || found.inputs().isEmpty()) {
            throw new InvalidInputException("Model '" + name + "' has no node in scope '" + scope + "' for layer " + layer
                    + "; expected a GPT-2 export's naming (h.N/ln_1 and ln_f), or give --hook NAME.");
        }
        // the stream a block reads is the input its LayerNorm normalises; the final one is what ln_f writes
        return layer < blocks ? found.inputs().get(0) : found.outputs().get(0);
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
