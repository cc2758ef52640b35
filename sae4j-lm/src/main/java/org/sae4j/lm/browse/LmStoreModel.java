package org.sae4j.lm.browse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sae4j.InvalidInputException;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.data.store.StoreModel;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.capture.CaptureSettings;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.Rows;
import org.sae4j.lm.capture.Window;
import org.sae4j.lm.onnx.OnnxGraph;

/**
 * A store's model run in-process: the same model, tokenizer, hook and context as the capture, so a reader's text
 * lands in the same space as the store's rows. Registered for {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.sae4j.data.store.StoreModel$Provider}.
 */
public final class LmStoreModel implements StoreModel {
    private final Capturer capturer;
    private final float[] embedding;

    private LmStoreModel(Capturer capturer, float[] embedding) {
        this.capturer = capturer;
        this.embedding = embedding;
    }

    /** Opens the model a store names, with the store's copy of its tokenizer; empty when it cannot. */
    public static final class Provider implements StoreModel.Provider {
        @Override
        public Optional<StoreModel> open(Path storeDir, StoreInfo info) {
            Path tokenizer = info.tokenizer() == null ? null : storeDir.resolve(info.tokenizer());
            try {
                LanguageModel lm = LanguageModel.load(info.model(), tokenizer != null && Files.isRegularFile(tokenizer)
                        ? tokenizer : null);
                CaptureSettings settings = CaptureSettings.defaults().withContext(Math.max(2, info.context()));
                // A store records a layer (>= 0) or else the hook it was captured at.
                Capturer c = Capturer.at(lm, info.layer(), info.layer() >= 0 ? null : info.hook(), settings);
                return Optional.of(new LmStoreModel(c, wordEmbedding(lm, c.tokenizer().vocabSize())));
            } catch (InvalidInputException | IllegalArgumentException e) {
                return Optional.empty(); // a model this machine cannot open: the browser does without it
            }
        }
    }

    /** The weight a Gather takes input_ids into, [vocabulary × d_model]; null when the graph has none. */
    static float[] wordEmbedding(LanguageModel lm, int vocab) {
        OnnxGraph g = OnnxGraph.parse(lm.onnx());
        for (OnnxGraph.Node n : g.nodes()) {
            if (n.opType().equals("Gather") && n.inputs().size() == 2 && n.inputs().get(1).equals("input_ids")) {
                OnnxGraph.Initializer w = g.initializers().get(n.inputs().get(0));
                if (w != null && w.dims().length == 2 && w.dims()[0] == vocab) {
                    return g.floats(w.name());
                }
            }
        }
        return null;
    }

    @Override
    public float[] inputEmbedding() {
        return embedding;
    }

    @Override
    public Capture capture(String text) {
        int[] ids = capturer.tokenizer().encode(text);
        List<Window> windows = capturer.windows().of(0, ids, 0);
        if (windows.isEmpty()) {
            return new Capture(new int[0], new String[0], new float[0], 0);
        }
        Rows rows = capturer.encoder().encode(windows, null);
        int n = rows.size();
        int[] tokens = java.util.Arrays.copyOf(rows.tokens(), n);
        List<String> strings = new ArrayList<>();
        for (int t : tokens) {
            String s = capturer.tokenizer().token(t);
            strings.add(s == null ? "[" + t + "]" : s);
        }
        return new Capture(tokens, strings.toArray(String[]::new), java.util.Arrays.copyOf(rows.values(0), n * rows.width()),
                rows.width());
    }

    @Override
    public void close() {
        capturer.close();
    }
}
