package org.sae4j.data.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The language model a store was captured from, when a module that can run it is on the class path (sae4j-lm
 * implements {@link Provider} and lists it in {@code META-INF/services/org.sae4j.data.store.StoreModel$Provider}).
 * The core never runs a language model itself; through this seam the browser gets the model's input embedding
 * matrix (for the token lens) and runs a reader's own text ("try your own text") without depending on the module.
 */
public interface StoreModel extends AutoCloseable {

    /** A text as the model sees it at the store's hook: its tokens and one activation row per token. */
    record Capture(int[] tokenIds, String[] tokens, float[] activations, int dModel) {
        public int rows() {
            return tokenIds.length;
        }
    }

    /** Opens the model a store names, if this provider can. */
    interface Provider {
        Optional<StoreModel> open(Path storeDir, StoreInfo info);
    }

    /** The input embedding matrix, [vocabulary × d_model] row-major, or null when the model does not expose one. */
    float[] inputEmbedding();

    /** Tokenizes {@code text} and runs the model to the store's hook (same layer, same tokenizer as the capture). */
    Capture capture(String text);

    @Override
    default void close() {
    }

    /** The first provider on the class path that opens the store's model, or empty (then the browser does without). */
    static Optional<StoreModel> find(Path storeDir, StoreInfo info) {
        for (Provider p : ServiceLoader.load(Provider.class)) {
            Optional<StoreModel> m = p.open(storeDir, info);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
