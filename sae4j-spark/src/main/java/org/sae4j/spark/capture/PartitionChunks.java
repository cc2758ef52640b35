package org.sae4j.spark.capture;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.Document;
import org.sae4j.lm.capture.Rows;
import org.sae4j.lm.capture.TextWindows;
import org.sae4j.lm.capture.Window;
import org.sae4j.lm.capture.WindowEncoder;

/**
 * A partition's documents as captured rows, one chunk at a time: sae4j-lm's {@link TextWindows} cuts them into
 * windows and whole-document chunks of {@code chunkWindows()} windows, and a {@link WindowEncoder} runs each chunk, as
 * {@code sae4j capture} does over a corpus. A chunk whose rows were all dropped (special tokens only) is skipped.
 */
final class PartitionChunks implements Iterator<Rows> {
    private final Capturer capturer;
    private final TextWindows text;
    private final WindowEncoder encoder;
    private Rows next;
    private boolean done;

    PartitionChunks(Capturer capturer, Iterator<Document> documents) {
        this.capturer = capturer;
        this.text = new TextWindows(documents, capturer.tokenizer(), capturer.windows());
        this.encoder = capturer.encoder();
    }

    /** Tokens run through the model so far (special tokens included). */
    long tokensRun() {
        return encoder.tokensRun();
    }

    /** Documents read so far. */
    long documents() {
        return text.documentsRead();
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            List<Window> chunk = text.wholeDocuments(capturer.settings().chunkWindows());
            if (chunk.isEmpty()) {
                done = true;
                text.close();
            } else {
                Rows r = encoder.encode(chunk, null);
                next = r.size() > 0 ? r : null;
            }
        }
        return next != null;
    }

    @Override
    public Rows next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Rows r = next;
        next = null;
        return r;
    }
}
