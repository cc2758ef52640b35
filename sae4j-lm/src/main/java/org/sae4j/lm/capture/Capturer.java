package org.sae4j.lm.capture;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.onnx.HookedModel;
import org.sae4j.lm.onnx.Hooks;
import org.sae4j.lm.onnx.OnnxGraph;
import org.sae4j.lm.tokenizer.Tokenizer;
import org.sae4j.lm.tokenizer.TokenizerJson;

/**
 * A language model made ready to capture: its tokenizer, the hooks resolved to tensor names (layers in Hugging
 * Face's numbering, or tensors by name), checked against the graph (the tokenizer's vocabulary against the word
 * embedding, the context against the position embedding), and the hooked ONNX Runtime session.
 */
public final class Capturer implements AutoCloseable {
    /** One hook: its tensor, its hidden_states layer (-1 when given by name) and a folder-safe label. */
    public record Hook(String tensor, int layer, String label) {
    }

    /** Asks {@link #Capturer} for the middle layer of the model (blocks / 2). */
    public static final int MIDDLE = Integer.MIN_VALUE;

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final List<Hook> hooks;
    private final HookedModel session;
    private final CaptureSettings settings;
    private final Windows windows;

    /**
     * A capturer of one site: the tensor {@code hook} names when it is not null, else block {@code layer}'s output
     * (what an {@code lm:} source, a store's recorded site and a Spark capture ask for).
     */
    public static Capturer at(LanguageModel model, int layer, String hook, CaptureSettings settings) {
        return hook != null ? new Capturer(model, List.of(), List.of(hook), settings)
                : new Capturer(model, List.of(layer), List.of(), settings);
    }

    public Capturer(LanguageModel model, List<Integer> layers, List<String> tensors, CaptureSettings settings) {
        this.model = model;
        this.settings = settings;
        this.tokenizer = TokenizerJson.parse(model.tokenizerName(), model.tokenizer());
        this.windows = new Windows(tokenizer, settings.context());
        OnnxGraph graph = org.sae4j.lm.onnx.Graphs.parseModel(model.onnxName(), model.onnx());
        List<Hook> hs = new ArrayList<>();
        for (int asked : layers) {
            int layer = asked == MIDDLE ? Hooks.blocks(graph) / 2 : asked;
            hs.add(new Hook(Hooks.layer(graph, model.name(), layer), layer, "layer-" + layer));
        }
        for (String t : tensors) {
            hs.add(new Hook(Hooks.hook(graph, model.name(), t), -1, t.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[_.]+", "")));
        }
        if (hs.isEmpty()) {
            throw new IllegalArgumentException("no hook");
        }
        requireDistinct(hs);
        this.hooks = List.copyOf(hs);
        Checks.tokenizerMatches(graph, model, tokenizer);
        Checks.contextFits(graph, model, settings.context());
        this.session = new HookedModel(model.onnxName(), model.onnx(), hooks.stream().map(Hook::tensor).toList(),
                settings.prune(), settings.threads());
    }

    public LanguageModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public List<Hook> hooks() {
        return hooks;
    }

    public Windows windows() {
        return windows;
    }

    public CaptureSettings settings() {
        return settings;
    }

    /** The hooked session. */
    public HookedModel session() {
        return session;
    }

    /** A fresh encoder over this session (it counts the tokens it runs). */
    public WindowEncoder encoder() {
        return new WindowEncoder(session, settings.batch(), settings.keepSpecial(), settings.maxNormRatio());
    }

    /** Refuses two hooks with the same label (the same layer twice). */
    static void requireDistinct(List<Hook> hooks) {
        for (int i = 0; i < hooks.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (hooks.get(i).tensor().equals(hooks.get(j).tensor())) {
                    throw new InvalidInputException("Hook '" + hooks.get(i).tensor() + "' is asked for twice; expected each "
                            + "layer or hook once.");
                }
            }
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
