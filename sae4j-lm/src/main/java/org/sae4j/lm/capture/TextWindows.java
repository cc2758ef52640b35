package org.sae4j.lm.capture;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.lm.text.Corpus;
import org.sae4j.lm.text.Documents;
import org.sae4j.lm.tokenizer.Tokenizer;

/**
 * The corpus as a stream of model windows, in chunks: document after document, tokenized and cut into windows, from
 * any (document, window) position, so a capture can start again exactly where a block or shard began.
 */
public final class TextWindows implements AutoCloseable {
    private final Documents docs;
    private final Tokenizer tokenizer;
    private final Windows windows;
    private final long endDoc;
    private List<Window> pending = new ArrayList<>();
    private int pendingAt;
    private long tokens;

    /** Windows of documents [{@code doc}, {@code endDoc}), starting at window {@code window} of {@code doc}. */
    public TextWindows(Corpus corpus, Tokenizer tokenizer, Windows windows, long doc, int window, long endDoc) {
        this.docs = corpus.open();
        this.tokenizer = tokenizer;
        this.windows = windows;
        this.endDoc = endDoc;
        while (docs.index() < doc && docs.next() != null) {
            // skip documents before the start
        }
        if (docs.index() == doc && doc < endDoc) {
            String text = docs.next();
            if (text != null) {
                int[] ids = tokenizer.encode(text);
                tokens += ids.length;
                pending = windows.of(doc, ids, window);
            }
        }
    }

    /** Text tokens read so far. */
    public long tokens() {
        return tokens;
    }

    /** The next window, or null after the last document. */
    public Window next() {
        while (pendingAt == pending.size()) {
            long doc = docs.index();
            if (doc >= endDoc) {
                return null;
            }
            String text = docs.next();
            if (text == null) {
                return null;
            }
            int[] ids = tokenizer.encode(text);
            tokens += ids.length;
            pending = windows.of(doc, ids, 0);
            pendingAt = 0;
        }
        return pending.get(pendingAt++);
    }

    /** Windows until at least {@code n} are taken and the last document is complete (whole documents only). */
    public List<Window> wholeDocuments(int n) {
        List<Window> out = new ArrayList<>();
        while (out.size() < n || pendingAt < pending.size()) {
            Window w = next();
            if (w == null) {
                break;
            }
            out.add(w);
        }
        return out;
    }

    /** Documents read so far, the one in progress included. */
    public long documentsRead() {
        return docs.index();
    }

    @Override
    public void close() {
        docs.close();
    }
}
