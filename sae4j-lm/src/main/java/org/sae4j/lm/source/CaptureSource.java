package org.sae4j.lm.source;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.data.BatchSource;
import org.sae4j.data.Origins;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.Rows;
import org.sae4j.lm.capture.TextWindows;
import org.sae4j.lm.capture.Window;
import org.sae4j.lm.capture.WindowEncoder;
import org.sae4j.lm.text.Corpus;
import org.sae4j.tensor.Rng;

/**
 * A language model's activations as a training stream, with no store on disk: the training documents are captured a
 * block at a time (whole windows, about {@code blockRows} rows), each block is shuffled by a generator derived from
 * the seed, the pass and the block number, and served. A block is fixed by where it starts (document, window), so the
 * cursor is that start, the pass, the block number and the rows served: restoring captures the block again, and the
 * model gives the same bits for the same windows (batched the same way), so a resumed run continues exactly.
 */
final class CaptureSource implements BatchSource {
    private final Capturer capturer;
    private final WindowEncoder encoder;
    private final Corpus corpus;
    private final long trainDocs;
    private final long epochRows;
    private final int blockRows;
    private final boolean shuffle;
    private final long seed;
    private final int cols;
    private final String name;
    private TextWindows text;
    private Window peeked;
    private long pass;
    private long block;
    private long blockDoc;
    private int blockWindow;
    private int served;
    private Rows rows;
    private int[] order;

    CaptureSource(String name, Capturer capturer, Corpus corpus, long trainDocs, long epochRows, int cols, int blockRows,
                  boolean shuffle, long seed) {
        this.name = name;
        this.capturer = capturer;
        this.encoder = capturer.encoder();
        this.corpus = corpus;
        this.trainDocs = trainDocs;
        this.epochRows = epochRows;
        this.cols = cols;
        this.blockRows = blockRows;
        this.shuffle = shuffle;
        this.seed = seed;
        this.block = -1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public long epochRows() {
        return epochRows;
    }

    @Override
    public void fill(float[] out, int n) {
        fill(out, n, null);
    }

    /** Every row is a token of a document: its origin is what the capture recorded beside its values. */
    @Override
    public boolean hasOrigins() {
        return true;
    }

    @Override
    public void fill(float[] out, int n, Origins origins) {
        for (int i = 0; i < n; i++) {
            while (rows == null || served == rows.size()) {
                nextBlock();
            }
            int r = order[served];
            System.arraycopy(rows.values(0), r * cols, out, i * cols, cols);
            if (origins != null) {
                origins.set(i, rows.docs()[r], rows.positions()[r], rows.tokens()[r]);
            }
            served++;
        }
    }

    /** Captures the block after the current one (the first of the next pass after the last). */
    private void nextBlock() {
        if (text == null) {
            open(0, 0);
            block = -1;
        }
        if (peek() == null) { // the pass is over
            pass++;
            open(0, 0);
            block = -1;
        }
        block++;
        Window first = peek();
        blockDoc = first.doc();
        blockWindow = first.index();
        load();
        served = 0;
    }

    private void open(long doc, int window) {
        if (text != null) {
            text.close();
        }
        text = new TextWindows(corpus, capturer.tokenizer(), capturer.windows(), doc, window, trainDocs);
        peeked = null;
    }

    private Window peek() {
        if (peeked == null) {
            peeked = text.next();
        }
        return peeked;
    }

    /** Takes windows from the current position until their rows reach the block size, captures and shuffles them. */
    private void load() {
        List<Window> windows = new ArrayList<>();
        long planned = 0;
        boolean keep = capturer.settings().keepSpecial();
        while (planned < blockRows && peek() != null) {
            Window w = peeked;
            peeked = null;
            windows.add(w);
            planned += keep ? w.length() : w.length() - w.lead() - w.trail();
        }
        int chunk = capturer.settings().chunkWindows();
        Rows r = null;
        for (int from = 0; from < windows.size(); from += chunk) {
            r = encoder.encode(windows.subList(from, Math.min(windows.size(), from + chunk)), r);
        }
        rows = r;
        order = new int[r.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Rng rng = Rng.forPurpose(seed, "lm block " + pass + "/" + block);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public long[] cursor() {
        return rows == null ? new long[] {0, -1, 0, 0, 0} : new long[] {pass, block, blockDoc, blockWindow, served};
    }

    @Override
    public void restore(long[] c) {
        pass = c[0];
        block = c[1];
        rows = null;
        if (block < 0) {
            text = null;
            return;
        }
        blockDoc = c[2];
        blockWindow = (int) c[3];
        open(blockDoc, blockWindow);
        load();
        served = (int) c[4];
    }

    @Override
    public void close() {
        if (text != null) {
            text.close();
        }
        capturer.close();
    }
}
