package org.sae4j.lm.source;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.HoldOut;
import org.sae4j.data.StreamProvider;
import org.sae4j.data.StreamingData;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.Rows;
import org.sae4j.lm.capture.Window;
import org.sae4j.lm.capture.WindowEncoder;
import org.sae4j.lm.text.Corpus;
import org.sae4j.lm.text.Documents;

/**
 * {@code --data lm:...} for train and sweep (registered as a {@link StreamProvider}): the corpus is tokenized once to
 * count its rows (so a pass has a known length and epochs mean what they mean for files); the last documents, up to
 * the validation fraction of the rows and at most {@link StreamingData#SMALL_VALUES} values, are held out and never
 * train; an even sample of the training documents fits the normaliser; the rest streams through a
 * {@link CaptureSource}.
 */
public final class LmStreams implements StreamProvider {
    /** Rows per shuffled block: 32,768 rows of 384 floats are 48 MB. */
    static final int BLOCK_ROWS = 32_768;

    @Override
    public String prefix() {
        return LmSpec.PREFIX;
    }

    @Override
    public String describe() {
        return "a language model's activations, captured as training reads them";
    }

    @Override
    public StreamingData open(String spec, double validationFraction, boolean shuffle, long seed) {
        LmSpec s = LmSpec.parse(spec);
        Corpus corpus = Corpus.of(s.text(), s.textField()).limit(s.documents());
        corpus.requireSome();
        LanguageModel lm = LanguageModel.load(s.model(), s.tokenizer());
        Capturer c = Capturer.at(lm, s.layer(), s.hook(), s.settings());
        try {
            long[] docRows = countRows(c, corpus);
            long total = 0;
            for (long r : docRows) {
                total += r;
            }
            int cols = width(c, corpus);
            long cap = HoldOut.of(spec, total, validationFraction, StreamingData.SMALL_VALUES / cols).heldOutRows();
            int firstHeld = docRows.length;
            long held = 0;
            while (cap > 0 && firstHeld > 1 && held + docRows[firstHeld - 1] <= cap) {
                held += docRows[--firstHeld];
            }
            long trainRows = total - held;
            if (trainRows <= 0) {
                throw new InvalidInputException("Data '" + spec + "' has " + total + " token rows, too few to train on after "
                        + "holding out " + held + "; expected more text.");
            }
            Dataset validation = held == 0 ? null : capture(c, corpus, docRange(firstHeld, docRows.length), spec + " (held out)");
            Dataset sample = capture(c, corpus, evenSample(docRows, firstHeld, StreamingData.SMALL_VALUES / cols), spec + " (sample)");
            CaptureSource train = new CaptureSource(spec, c, corpus, firstHeld, trainRows, cols, BLOCK_ROWS, shuffle, seed);
            return new StreamingData(train, validation, sample);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Rows each document gives: its text tokens, plus the special ones when kept (the model is not run). */
    private static long[] countRows(Capturer c, Corpus corpus) {
        List<Long> rows = new ArrayList<>();
        try (Documents d = corpus.open()) {
            for (String t = d.next(); t != null; t = d.next()) {
                rows.add(c.windows().rows(c.tokenizer().encode(t).length, c.settings().keepSpecial()));
            }
        }
        return rows.stream().mapToLong(Long::longValue).toArray();
    }

    /** The model's width, from one short run. */
    private static int width(Capturer c, Corpus corpus) {
        try (Documents d = corpus.open()) {
            String t = d.next();
            int[] ids = c.tokenizer().encode(t == null ? "" : t);
            List<Window> w = c.windows().of(0, ids.length == 0 ? new int[] {0} : java.util.Arrays.copyOf(ids, 1), 0);
            return new WindowEncoder(c.session(), 1, true, 0).encode(w, null).width();
        }
    }

    private static List<Long> docRange(long from, long to) {
        List<Long> docs = new ArrayList<>();
        for (long d = from; d < to; d++) {
            docs.add(d);
        }
        return docs;
    }

    /** Documents at an even stride over [0, end) whose rows reach about {@code want}. */
    private static List<Long> evenSample(long[] docRows, int end, long want) {
        long rows = 0;
        for (int d = 0; d < end; d++) {
            rows += docRows[d];
        }
        long stride = Math.max(1, rows / Math.max(1, want));
        List<Long> docs = new ArrayList<>();
        long got = 0;
        for (int d = 0; d < end && got < want; d += (int) Math.min(Integer.MAX_VALUE, stride)) {
            docs.add((long) d);
            got += docRows[d];
        }
        return docs;
    }

    /** Captures the given documents (ascending) into memory, at most {@link StreamingData#SMALL_VALUES} values. */
    private static Dataset capture(Capturer c, Corpus corpus, List<Long> docs, String name) {
        WindowEncoder e = c.encoder();
        List<Window> windows = new ArrayList<>();
        int next = 0;
        try (Documents d = corpus.open()) {
            for (String t = d.next(); t != null && next < docs.size(); t = d.next()) {
                long doc = d.index() - 1;
                if (doc == docs.get(next)) {
                    windows.addAll(c.windows().of(doc, c.tokenizer().encode(t), 0));
                    next++;
                }
            }
        }
        Rows rows = null;
        int chunk = c.settings().chunkWindows();
        for (int from = 0; from < windows.size(); from += chunk) {
            rows = e.encode(windows.subList(from, Math.min(windows.size(), from + chunk)), rows);
        }
        if (rows == null || rows.size() == 0) {
            throw new InvalidInputException("Data '" + name + "' gave no token rows from its documents; expected documents "
                    + "with text.");
        }
        int cols = rows.width();
        int n = Math.min(rows.size(), Math.max(1, StreamingData.SMALL_VALUES / cols));
        return new Dataset(name, java.util.Arrays.copyOf(rows.values(0), n * cols), n, cols);
    }
}
