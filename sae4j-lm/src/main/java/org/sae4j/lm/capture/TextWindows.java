package org.sae4j.lm.capture;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.sae4j.lm.text.Corpus;
import org.sae4j.lm.text.Documents;
import org.sae4j.lm.tokenizer.Tokenizer;

/**
 * Documents as a stream of model windows, in chunks: document after document, tokenized and cut into windows. Read
 * from a corpus (numbered in reading order) from any (document, window) position, so a capture can start again
 * exactly where a block or shard began; or from documents numbered elsewhere (a cluster's partition of a corpus).
 */
public final class TextWindows implements AutoCloseable {
    private final Iterator<Document> source;
    private final Documents docs;
    private final Tokenizer tokenizer;
    private final Windows windows;
    private List<Window> pending = new ArrayList<>();
    private int pendingAt;
    private long tokens;
    private long read;

    /** Windows of documents [{@code doc}, {@code endDoc}) of {@code corpus}, starting at window {@code window} of {@code doc}. */
    public TextWindows(Corpus corpus, Tokenizer tokenizer, Windows windows, long doc, int window, long endDoc) {
        this.docs = corpus.open();
        this.tokenizer = tokenizer;
        this.windows = windows;
        this.source = new Iterator<>() {
            private Document next;

            @Override
            public boolean hasNext() {
                if (next == null && docs.index() < endDoc) {
                    long id = docs.index();
                    String text = docs.next();
                    next = text == null ? null : new Document(id, text);
                }
                return next != null;
            }

            @Override
            public Document next() {
                hasNext();
                Document d = next;
                next = null;
                return d;
            }
        };
        while (docs.index() < doc && docs.next() != null) {
            // skip documents before the start
        }
        this.read = docs.index();
        if (docs.index() == doc && doc < endDoc && source.hasNext()) {
            cut(source.next(), window);
        }
    }

    /**
     * Windows of {@code documents} in the order given, each numbered by its own id (ids need not be consecutive): what
     * a corpus's documents give when their ids are the corpus's numbers.
     */
    public TextWindows(Iterator<Document> documents, Tokenizer tokenizer, Windows windows) {
        this.docs = null;
        this.source = documents;
        this.tokenizer = tokenizer;
        this.windows = windows;
    }

    private void cut(Document d, int window) {
        int[] ids = tokenizer.encode(d.text());
        tokens += ids.length;
        pending = windows.of(d.id(), ids, window);
        pendingAt = 0;
        read++;
    }

    /** Text tokens read so far. */
    public long tokens() {
        return tokens;
    }

    /** The next window, or null after the last document. */
    public Window next() {
        while (pendingAt == pending.size()) {
            if (!source.hasNext()) {
                return null;
            }
            cut(source.next(), 0);
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

    /** Documents read so far, the one in progress included (a corpus's count includes those skipped at the start). */
    public long documentsRead() {
        return read;
    }

    @Override
    public void close() {
        if (docs != null) {
            docs.close();
        }
    }
}
