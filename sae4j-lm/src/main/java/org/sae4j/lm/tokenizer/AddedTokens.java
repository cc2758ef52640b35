package org.sae4j.lm.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer's added tokens ([CLS], [MASK], &lt;|endoftext|&gt;, ...) found in raw text before any normalising,
 * as Hugging Face does: the text is cut at the leftmost match (the longest where several start there), each match
 * becomes its id, and the pieces between are tokenized as usual. Matching is on the raw text for every added token
 * (Hugging Face matches tokens marked {@code normalized: true} on normalised text; BERT's and GPT-2's are not).
 */
final class AddedTokens {
    /** Receives the text in order: a piece of plain text with id -1, or an added token's text and id. */
    interface Sink {
        void accept(String text, int addedId);
    }

    private record Entry(String content, int id) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String content, int id) {
        if (!content.isEmpty()) {
            entries.add(new Entry(content, id));
        }
    }

    void split(String text, Sink sink) {
        if (entries.isEmpty()) {
            sink.accept(text, -1);
            return;
        }
        int from = 0;
        while (true) {
            int best = -1;
            Entry match = null;
            for (Entry e : entries) {
                int at = text.indexOf(e.content, from);
                if (at >= 0 && (best < 0 || at < best || (at == best && e.content.length() > match.content.length()))) {
                    best = at;
                    match = e;
                }
            }
            if (match == null) {
                if (from < text.length()) {
                    sink.accept(text.substring(from), -1);
                }
                return;
            }
            if (best > from) {
                sink.accept(text.substring(from, best), -1);
            }
            sink.accept(match.content, match.id);
            from = best + match.content.length();
        }
    }
}
