package org.sae4j.data;

import java.util.ServiceLoader;
import org.sae4j.InvalidInputException;

/**
 * A source of streamed training data that lives in another module, found with {@link ServiceLoader}: the core cannot
 * depend on it (sae4j-lm brings ONNX Runtime), so the module registers an implementation under
 * {@code META-INF/services/org.sae4j.data.StreamProvider} and {@code --data} specs with its prefix (e.g. {@code lm:})
 * reach it through {@link StreamingData#open}.
 */
public interface StreamProvider {
    /** The spec prefix this provider owns, e.g. {@code "lm:"}. */
    String prefix();

    /** What the provider is, for the message when a spec with its prefix cannot be opened in memory. */
    String describe();

    /** Opens {@code spec} as {@link StreamingData#open} does for shards: training stream, held-out rows, sample. */
    StreamingData open(String spec, double validationFraction, boolean shuffle, long seed);

    /** The provider whose prefix {@code spec} starts with, or null. */
    static StreamProvider find(String spec) {
        if (spec == null) {
            return null;
        }
        for (StreamProvider p : ServiceLoader.load(StreamProvider.class, StreamProvider.class.getClassLoader())) {
            if (spec.startsWith(p.prefix())) {
                return p;
            }
        }
        return null;
    }

    /** True for a spec in a provider's form ({@code lm:...}), which needs that provider's module. */
    static boolean looksProvided(String spec) {
        return spec != null && spec.startsWith("lm:");
    }

    /** The sentence for a provided spec where data must be in memory: no such module, or a source captured as read. */
    static InvalidInputException notInMemory(String spec) {
        StreamProvider p = find(spec);
        if (p == null) {
            return new InvalidInputException("Data '" + spec + "' needs the sae4j-lm module, which is not on the class path; "
                    + "expected the sae4j command line (it includes it) or sae4j-lm as a dependency.");
        }
        return new InvalidInputException("Data '" + spec + "' (" + p.describe() + ") is captured as it is read, "
                + "which cannot be used here; capture it into a store with sae4j capture, then give the store's folder.");
    }
}
