package org.sae4j.lm.capture;

import org.sae4j.InvalidInputException;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.onnx.OnnxGraph;
import org.sae4j.lm.tokenizer.Tokenizer;

/** Checks of a tokenizer and a context against the model graph, made before any text is read. */
final class Checks {
    private Checks() {
    }

    /**
     * The tokenizer's ids must index the model's word embedding: the weight a Gather takes input_ids into. A vocabulary
     * of another size means another model's tokenizer, whose ids would silently pick wrong embeddings.
     */
    static void tokenizerMatches(OnnxGraph g, LanguageModel m, Tokenizer t) {
        if (!g.inputs().contains("input_ids")) {
            throw new InvalidInputException("Model '" + m.name() + "' has no input 'input_ids' (its inputs are " + g.inputs()
                    + "); expected a transformer that takes token ids (a BERT-family or decoder-only ONNX export).");
        }
        for (OnnxGraph.Node n : g.nodes()) {
            if (n.opType().equals("Gather") && n.inputs().size() == 2 && n.inputs().get(1).equals("input_ids")) {
                OnnxGraph.Initializer w = g.initializers().get(n.inputs().get(0));
                if (w != null && w.dims().length == 2 && w.dims()[0] != t.vocabSize()) {
                    throw new InvalidInputException(String.format("Tokenizer '%s' has %,d tokens but model '%s' embeds %,d; "
                            + "expected the tokenizer.json that belongs to the model.", m.tokenizerName(), t.vocabSize(),
                            m.name(), w.dims()[0]));
                }
            }
        }
    }

    /**
     * The context must fit the learned position embedding (512 for BERT, BERT's {@code position_embeddings} or GPT-2's
     * {@code wpe}), when the graph has one.
     */
    static void contextFits(OnnxGraph g, LanguageModel m, int context) {
        for (OnnxGraph.Initializer w : g.initializers().values()) {
            if ((w.name().contains("position_embeddings") || w.name().endsWith("wpe.weight")) && w.dims().length == 2 && context > w.dims()[0]) {
                throw new InvalidInputException("--context is " + context + " but model '" + m.name() + "' has positions for "
                        + w.dims()[0] + " tokens; expected at most " + w.dims()[0] + ".");
            }
        }
    }
}
