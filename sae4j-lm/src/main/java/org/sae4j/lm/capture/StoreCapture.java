package org.sae4j.lm.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.io.ActivationStoreWriter;
import org.sae4j.lm.text.Corpus;

/**
 * Captures a corpus into activation stores, one per hook (the folder itself for one hook, a sub-folder per hook
 * otherwise), a shard at a time. Shards end at document boundaries and each is written atomically before
 * capture.json counts it, so a killed capture, run again with the same settings, goes on from the last document
 * a shard completed; nothing is on disk before the first shard is whole.
 */
public final class StoreCapture {
    /** Called after every chunk of documents. */
    public interface Listener {
        void progress(long documents, long rows, long tokens);
    }

    /** What a capture did: rows written now and in all, documents in all, tokens run now, and whether it resumed. */
    public record Summary(long rowsWritten, long rows, long documents, long tokensRun, long resumedAt, List<Path> stores) {
    }

    private StoreCapture() {
    }

    /** The store folder of each hook under {@code out}. */
    public static List<Path> folders(Path out, List<Capturer.Hook> hooks) {
        List<Path> dirs = new ArrayList<>();
        for (Capturer.Hook h : hooks) {
            dirs.add(hooks.size() == 1 ? out : out.resolve(h.label()));
        }
        return dirs;
    }

    public static Summary run(Capturer c, Corpus corpus, Path out, Listener listener) {
        List<Path> dirs = folders(out, c.hooks());
        List<ActivationStoreWriter> writers = resume(c, corpus, dirs);
        long startDoc = writers == null ? 0 : writers.get(0).info().documents();
        long before = writers == null ? 0 : writers.get(0).info().rows();
        int shardRows = c.settings().shardRows();
        int chunkWindows = c.settings().chunkWindows();
        WindowEncoder encoder = c.encoder();
        Rows pending = null;
        long written = 0;
        try (TextWindows text = new TextWindows(corpus, c.tokenizer(), c.windows(), startDoc, 0, Long.MAX_VALUE)) {
            while (true) {
                List<Window> chunk = text.wholeDocuments(chunkWindows);
                boolean last = chunk.isEmpty();
                if (!last) {
                    pending = encoder.encode(chunk, pending);
                }
                long docs = text.documentsRead();
                if (pending != null && pending.size() > 0 && (pending.size() >= shardRows || last)) {
                    if (writers == null) {
                        writers = create(c, corpus, dirs, pending.width());
                    }
                    for (int h = 0; h < writers.size(); h++) {
                        writers.get(h).append(pending.values(h), pending.size(), pending.tokens(), pending.docs(),
                                pending.positions(), docs);
                    }
                    written += pending.size();
                    pending = null;
                }
                if (listener != null) {
                    listener.progress(docs, before + written + (pending == null ? 0 : pending.size()), encoder.tokensRun());
                }
                if (last) {
                    break;
                }
            }
        }
        if (writers == null) {
            if (startDoc == 0) {
                throw new InvalidInputException("Text '" + corpus.describe() + "' gave no tokens to capture; expected documents "
                        + "with text" + (c.settings().keepSpecial() ? "" : " (special tokens are not captured without --keep-special)") + ".");
            }
            return new Summary(0, before, startDoc, 0, startDoc, dirs);
        }
        StoreInfo info = writers.get(0).info();
        return new Summary(written, info.rows(), info.documents(), encoder.tokensRun(), startDoc, dirs);
    }

    /** The writers of an earlier capture into {@code dirs} to go on with, or null for a new capture. */
    private static List<ActivationStoreWriter> resume(Capturer c, Corpus corpus, List<Path> dirs) {
        if (dirs.size() > 1 && ActivationStore.isStore(dirs.get(0).getParent())) {
            throw new InvalidInputException("Folder '" + dirs.get(0).getParent() + "' holds the capture of one hook; expected "
                    + "a new --out for " + dirs.size() + " hooks (each gets a sub-folder).");
        }
        boolean any = false;
        for (Path d : dirs) {
            any |= ActivationStore.isStore(d);
        }
        if (!any) {
            for (Path d : dirs) {
                requireEmpty(d);
            }
            return null;
        }
        List<ActivationStoreWriter> writers = new ArrayList<>();
        long min = Long.MAX_VALUE;
        for (int h = 0; h < dirs.size(); h++) {
            Path d = dirs.get(h);
            if (!ActivationStore.isStore(d)) {
                throw new InvalidInputException("Folder '" + d + "' holds no capture.json but its sibling stores do; expected "
                        + "the folders of one capture (or a new --out).");
            }
            ActivationStoreWriter w = ActivationStoreWriter.resume(d);
            requireSame(w.info(), c, corpus, c.hooks().get(h), d);
            writers.add(w);
            min = Math.min(min, w.info().documents());
        }
        for (ActivationStoreWriter w : writers) {
            if (w.info().documents() > min) {
                w.dropLastShard(min); // killed between the hooks' capture.json files: this one is a shard ahead
            }
        }
        return writers;
    }

    private static void requireSame(StoreInfo s, Capturer c, Corpus corpus, Capturer.Hook hook, Path d) {
        String[][] pairs = {{"model", s.model(), c.model().name()}, {"hook", s.hook(), hook.tensor()},
                {"context", String.valueOf(s.context()), String.valueOf(c.settings().context())},
                {"dtype", s.dtype(), c.settings().dtype().toUpperCase(java.util.Locale.ROOT)},
                {"corpus", s.corpus(), corpus.describe()}};
        for (String[] p : pairs) {
            if (!p[1].equals(p[2])) {
                throw new InvalidInputException("Folder '" + d + "' holds a capture with " + p[0] + " '" + p[1] + "', not '" + p[2]
                        + "'; expected the same settings to resume it, or a new --out.");
            }
        }
    }

    private static void requireEmpty(Path d) {
        if (Files.isDirectory(d)) {
            try (var s = Files.list(d)) {
                if (s.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
                    throw new InvalidInputException("Folder '" + d + "' is not empty and holds no capture; expected a new "
                            + "folder for --out, or a capture to resume.");
                }
            } catch (IOException e) {
                throw new InvalidInputException("Cannot list '" + d + "' (" + IoErrors.reason(e) + ").");
            }
        } else if (Files.exists(d)) {
            throw new InvalidInputException("'" + d + "' is a file; expected a folder for the activation store.");
        }
    }

    private static List<ActivationStoreWriter> create(Capturer c, Corpus corpus, List<Path> dirs, int width) {
        List<ActivationStoreWriter> writers = new ArrayList<>();
        for (int h = 0; h < dirs.size(); h++) {
            Capturer.Hook hook = c.hooks().get(h);
            Path d = dirs.get(h);
            StoreInfo info = new StoreInfo(c.model().name(), hook.tensor(), hook.layer(), width,
                    c.settings().dtype().toUpperCase(java.util.Locale.ROOT), c.settings().context(), "tokenizer.json",
                    corpus.describe(), 0, List.of());
            ActivationStoreWriter w = ActivationStoreWriter.create(d, info);
            try {
                org.sae4j.io.AtomicFiles.write(d.resolve("tokenizer.json"), o -> o.write(c.model().tokenizer()));
            } catch (IOException e) {
                throw new InvalidInputException("Cannot write '" + d.resolve("tokenizer.json") + "' (" + IoErrors.reason(e) + ").");
            }
            writers.add(w);
        }
        return writers;
    }
}
