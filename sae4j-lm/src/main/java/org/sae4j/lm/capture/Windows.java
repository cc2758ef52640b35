package org.sae4j.lm.capture;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.lm.tokenizer.Tokenizer;

/**
 * Cuts a document's tokens into model inputs of at most {@code context} tokens, each with the tokenizer's special
 * tokens around it ([CLS] ... [SEP] for BERT), back to back without overlap, as SAELens cuts text into contexts.
 */
public final class Windows {
    private final int[] prefix;
    private final int[] suffix;
    private final int body;

    public Windows(Tokenizer tokenizer, int context) {
        this.prefix = tokenizer.prefix();
        this.suffix = tokenizer.suffix();
        this.body = context - prefix.length - suffix.length;
        if (body < 1) {
            throw new InvalidInputException("--context is " + context + "; expected more than the " + (prefix.length + suffix.length)
                    + " special tokens around every window.");
        }
    }

    /** Tokens of text per window. */
    public int body() {
        return body;
    }

    /** How many windows a document of {@code tokens} text tokens makes. */
    public int count(int tokens) {
        return (tokens + body - 1) / body;
    }

    /** Rows a document of {@code tokens} text tokens gives: its tokens, plus the special ones when they are kept. */
    public long rows(int tokens, boolean keepSpecial) {
        return tokens + (keepSpecial ? (long) count(tokens) * (prefix.length + suffix.length) : 0);
    }

    /** The windows of document {@code doc}, from window {@code from} on. */
    public List<Window> of(long doc, int[] tokens, int from) {
        List<Window> out = new ArrayList<>();
        for (int w = from, start = from * body; start < tokens.length; w++, start += body) {
            int n = Math.min(body, tokens.length - start);
            int[] ids = new int[prefix.length + n + suffix.length];
            System.arraycopy(prefix, 0, ids, 0, prefix.length);
            System.arraycopy(tokens, start, ids, prefix.length, n);
            System.arraycopy(suffix, 0, ids, prefix.length + n, suffix.length);
            out.add(new Window(doc, w, ids, prefix.length, suffix.length));
        }
        return out;
    }
}
