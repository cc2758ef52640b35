package org.sae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sae4j.io.ActivationStoreWriter;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.capture.CaptureSettings;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.StoreCapture;
import org.sae4j.lm.text.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j capture}: runs a language model over text and writes its per-token activations to a store. */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Capture a language model's per-token activations into an activation store.",
                "Text goes through the model's own tokenizer (pure Java, from its",
                "tokenizer.json) and ONNX Runtime, in windows of --context tokens; each",
                "text token's residual-stream vector becomes a row, with its token, document",
                "and position. The model is a BERT encoder: bidirectional and post-LN, not a",
                "GPT. No network connection is made. Run the same command again to resume", 
                "a capture that was stopped.", ""},
        footer = {"", "Examples:",
                "  sae4j capture --out acts                  MiniLM layer 3, the embedded corpus",
                "  sae4j capture --layer 6 --text docs/ --out acts6",
                "  sae4j capture --text data.jsonl --text-field body --dtype bf16 --out acts",
                "  sae4j capture --layer 2,4 --out acts      a store per layer: acts/layer-2",
                "  sae4j capture --model bge-small --layer 8 --out bge8",
                "  sae4j capture --model model.onnx --tokenizer tokenizer.json \\",
                "      --hook /encoder/layer.1/attention/output/LayerNorm/Add_1_output_0",
                "  sae4j train --arch topk --k 32 --expansion 8 --scale none --data acts",
                "", "Layers count as Hugging Face's hidden_states: 0 is the embeddings, N the",
                "output of block N (minilm: 0-6, bge-small and e5-small: 0-12)."})
final class CaptureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME|FILE", defaultValue = "minilm",
            description = "minilm (default, inside sae4j), bge-small, e5-small (from the local Maven repository) or an ONNX file.")
    String model;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "The model's tokenizer.json (default: the one beside it).")
    Path tokenizer;

    @Option(names = "--layer", paramLabel = "N", split = ",",
            description = "hidden_states layer(s) to capture (default: the middle one).")
    List<Integer> layers = new ArrayList<>();

    @Option(names = "--hook", paramLabel = "NAME", description = "Capture this graph tensor (repeatable).")
    List<String> hooks = new ArrayList<>();

    @Option(names = "--text", paramLabel = "SOURCE", split = ",",
            description = "embedded (default: the Jargon File and The Devil's Dictionary, public domain), .txt (a document per "
                    + "line), .txt.gz, .jsonl, a folder or a glob.")
    List<String> text = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "The activation store folder (resumed when it holds this capture).")
    Path out;

    /** sae4j-spark capture's too: how documents are read and windowed, and what a row keeps. */
    @Mixin
    CaptureFlags capture = new CaptureFlags();

    @Option(names = "--shard-rows", paramLabel = "N", defaultValue = "65536", description = "Rows per shard (default ${DEFAULT-VALUE}).")
    int shardRows;

    @Option(names = "--no-prune", description = "Run the whole graph, not only what the hooks need.")
    boolean noPrune;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads (default: one per core).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ActivationStoreWriter.activationType(capture.dtype());
        CaptureSettings settings = new CaptureSettings(capture.context(), capture.batch(), capture.keepSpecial(),
                capture.maxNormRatio(), capture.dtype().toUpperCase(Locale.ROOT), shardRows, !noPrune,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        Corpus corpus = capture.corpus(text);
        LanguageModel lm = LanguageModel.load(model, tokenizer);
        List<Integer> asked = new ArrayList<>(layers);
        if (asked.isEmpty() && hooks.isEmpty()) {
            asked.add(Capturer.MIDDLE); // known once the graph is read
        }
        long start = System.nanoTime();
        try (Capturer c = new Capturer(lm, asked, hooks, settings)) {
            w.printf("sae4j %s: capturing %s of %s (%s tokenizer) over '%s', context %d, %s%n", Version.get(),
                    c.hooks().stream().map(h -> h.layer() >= 0 ? "layer " + h.layer() : h.tensor()).toList(), lm.name(),
                    c.tokenizer().kind(), corpus.describe(), capture.context(), settings.dtype());
            w.flush();
            long[] last = {System.nanoTime()};
            StoreCapture.Summary s = StoreCapture.run(c, corpus, out, (docs, rows, tokens) -> {
                long now = System.nanoTime();
                if (!quiet && now - last[0] > 5_000_000_000L) {
                    last[0] = now;
                    w.printf("  %,d documents, %,d rows, %,.0f tokens/s%n", docs, rows, tokens / ((now - start) / 1e9));
                    w.flush();
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            if (s.resumedAt() > 0) {
                w.printf("resumed after %,d documents%n", s.resumedAt());
            }
            w.printf("captured %,d rows (%,d in the store%s) from %,d documents in %.1f s, %,.0f tokens/s%n", s.rowsWritten(),
                    s.rows(), s.stores().size() > 1 ? "s" : "", s.documents(), seconds, s.tokensRun() / seconds);
            for (Path p : s.stores()) {
                w.print(EvalText.line("store", p.toAbsolutePath().toString()));
            }
        }
        return 0;
    }
}
