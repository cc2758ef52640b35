package org.sae4j.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sae4j.InvalidInputException;
import org.sae4j.cli.CaptureFlags;
import org.sae4j.lm.text.Corpus;
import org.sae4j.spark.capture.ActivationCapture;
import org.sae4j.spark.capture.CorpusFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j-spark capture}: {@code sae4j capture} with the model run on the executors, each partition of the
 * corpus's documents writing its own shards of one activation store ({@link ActivationCapture#writeStore}).
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture a language model's per-token activations into an activation store, on Spark: the rows of sae4j capture, the model run on the executors.", ""})
final class SparkCaptureCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    // What reads the documents and windows them is sae4j capture's own (CaptureFlags, below); these keep its names and
    // defaults but are declared again because they mean something else here: one --layer or --hook (a store per run,
    // not per layer), --model and --out as paths every executor shares, a new store rather than a resumed one,
    // --shard-rows per partition, --threads per task.
    @Option(names = "--text", paramLabel = "SOURCE", split = ",",
            description = "embedded (default), .txt (a document per line), .txt.gz, .jsonl, a folder or a glob, read on the driver.")
    List<String> text = new ArrayList<>();

    @Option(names = "--model", paramLabel = "NAME|FILE", defaultValue = "minilm",
            description = "minilm (default), bge-small, e5-small or an ONNX file at the same path on every executor.")
    String model;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "The model's tokenizer.json (default: the one beside it).")
    String tokenizer;

    @Option(names = "--layer", paramLabel = "N", description = "The hidden_states layer to capture (default: the middle one).")
    Integer layer;

    @Option(names = "--hook", paramLabel = "NAME", description = "Capture this graph tensor instead of a layer.")
    String hook;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "The new activation store folder (on a cluster: a path every executor shares).")
    Path out;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2",
            description = "Partitions of the documents, each a task writing its own shards (default ${DEFAULT-VALUE}).")
    int partitions;

    /** sae4j capture's own: how documents are read and windowed, and what a row keeps. */
    @Mixin
    CaptureFlags capture = new CaptureFlags();

    @Option(names = "--shard-rows", paramLabel = "N", defaultValue = "65536",
            description = "Rows per shard, each partition cutting its own (default ${DEFAULT-VALUE}).")
    int shardRows;

    @Option(names = "--no-prune", description = "Run the whole graph, not only what the hook needs.")
    boolean noPrune;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "ONNX Runtime threads per task (default ${DEFAULT-VALUE}: the tasks are the parallelism).")
    int threads;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (partitions < 1) {
            throw new InvalidInputException("--partitions is " + partitions + "; expected at least 1.");
        }
        if (layer != null && hook != null) {
            throw new InvalidInputException("Both --layer and --hook are given; expected one of them.");
        }
        Corpus corpus = capture.corpus(text);
        ActivationCapture stage = new ActivationCapture().setModel(model).setTokenizer(tokenizer).setTextCol("text")
                .setDocIdCol("doc_id").setCorpus(corpus.describe()).setContext(capture.context())
                .setBatch(capture.batch()).setKeepSpecial(capture.keepSpecial()).setMaxNormRatio(capture.maxNormRatio())
                .setDtype(capture.dtype()).setShardRows(shardRows).setPrune(!noPrune).setThreads(threads);
        if (layer != null) {
            stage.setLayer(layer);
        }
        if (hook != null) {
            stage.setHook(hook);
        }
        stage.spec(); // settings refused before Spark starts
        SparkSession spark = SparkSessions.open(master);
        long start = System.nanoTime();
        ActivationCapture.Summary s = stage.writeStore(CorpusFrame.read(spark, corpus, partitions), out);
        double seconds = (System.nanoTime() - start) / 1e9;
        w.printf("captured %,d rows from %,d documents in %.1f s, %,.0f tokens/s, on %d partition%s (%d shard%s)%n", s.rows(),
                s.documents(), seconds, s.tokensRun() / seconds, s.partitions(), s.partitions() == 1 ? "" : "s", s.shards(),
                s.shards() == 1 ? "" : "s");
        w.println("store: " + out.toAbsolutePath());
        return 0;
    }
}
