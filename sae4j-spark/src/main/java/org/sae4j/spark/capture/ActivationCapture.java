package org.sae4j.spark.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sae4j.InvalidInputException;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.io.ActivationStoreWriter;
import org.sae4j.lm.capture.CaptureSettings;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.Document;
import org.sae4j.lm.capture.Rows;

/**
 * Distributed capture: a DataFrame of text in, a language model's per-token activations out, computed on the
 * executors by sae4j-lm exactly as {@code sae4j capture} computes them (same tokenizer, windows, chunks and encoder),
 * either as rows ({@link #capture}: {@code doc_id}, {@code position}, {@code token_id}, {@code activations}) or as an
 * activation store ({@link #writeStore}) that {@code sae4j train --data}, {@code sae4j-spark train} and
 * {@code StoreFrame} read. The settings and their defaults are {@code sae4j capture}'s, except ONNX Runtime's threads
 * (1 per task: the tasks are the parallelism). The driver loads the model too, to refuse a bad model or layer in one
 * sentence before any task runs.
 *
 * <pre>{@code
 * Dataset<Row> acts = new ActivationCapture().setModel("minilm").setLayer(3).setTextCol("text").capture(texts);
 * }</pre>
 */
public final class ActivationCapture {
    /** The rows {@link #capture} gives: a row per captured token, in document and window order. */
    public static final StructType SCHEMA = new StructType()
            .add("doc_id", DataTypes.LongType, false)
            .add("position", DataTypes.IntegerType, false)
            .add("token_id", DataTypes.IntegerType, false)
            .add("activations", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** What {@link #writeStore} wrote. */
    public record Summary(Path store, long rows, long documents, long tokensRun, int shards, int partitions) {
    }

    private String model = "minilm";
    private String tokenizer;
    private int layer = Capturer.MIDDLE;
    private String hook;
    private String textCol = "text";
    private String docIdCol;
    private String corpus = "dataframe";
    private int context = CaptureSettings.DEFAULT_CONTEXT;
    private int batch = CaptureSettings.DEFAULT_BATCH;
    private boolean keepSpecial;
    private double maxNormRatio;
    private String dtype = "F32";
    private int shardRows = CaptureSettings.DEFAULT_SHARD_ROWS;
    private boolean prune = true;
    private int threads = 1;

    /** A model name ({@code minilm}, {@code bge-small}, {@code e5-small}) or an ONNX file at the same path on every executor. */
    public ActivationCapture setModel(String v) {
        model = v;
        return this;
    }

    /** The model's tokenizer.json (at the same path on every executor); default: the model's own. */
    public ActivationCapture setTokenizer(String v) {
        tokenizer = v;
        return this;
    }

    /** The hidden_states layer (0 = embeddings); default: the middle one. */
    public ActivationCapture setLayer(int v) {
        layer = v;
        hook = null;
        return this;
    }

    /** A graph tensor to capture instead of a layer. */
    public ActivationCapture setHook(String v) {
        hook = v;
        return this;
    }

    /** The string column of text (default "text"); blank and null texts are not documents. */
    public ActivationCapture setTextCol(String v) {
        textCol = v;
        return this;
    }

    /** A bigint or int column of document ids; default none: documents are numbered in the DataFrame's order from 0. */
    public ActivationCapture setDocIdCol(String v) {
        docIdCol = v;
        return this;
    }

    /** Where the text came from, as a store's capture.json says it (default "dataframe"). */
    public ActivationCapture setCorpus(String v) {
        corpus = v;
        return this;
    }

    public ActivationCapture setContext(int v) {
        context = v;
        return this;
    }

    public ActivationCapture setBatch(int v) {
        batch = v;
        return this;
    }

    public ActivationCapture setKeepSpecial(boolean v) {
        keepSpecial = v;
        return this;
    }

    /** The norm cut (0: none); its median is over a partition's chunk, see the README on what that means across partitions. */
    public ActivationCapture setMaxNormRatio(double v) {
        maxNormRatio = v;
        return this;
    }

    /** The store's element type: F32, F16 or BF16. */
    public ActivationCapture setDtype(String v) {
        dtype = v;
        return this;
    }

    public ActivationCapture setShardRows(int v) {
        shardRows = v;
        return this;
    }

    public ActivationCapture setPrune(boolean v) {
        prune = v;
        return this;
    }

    /** ONNX Runtime threads per task (default 1). */
    public ActivationCapture setThreads(int v) {
        threads = v;
        return this;
    }

    /** The settings as they travel to the executors, checked (each refusal one sentence). */
    public CaptureSpec spec() {
        ActivationStoreWriter.activationType(dtype);
        CaptureSpec s = new CaptureSpec(model, tokenizer, layer, hook, context, batch, keepSpecial, maxNormRatio,
                dtype.toUpperCase(Locale.ROOT), shardRows, prune, threads);
        s.settings();
        return s;
    }

    /** The activations of {@code texts}' documents, a row per captured token, computed lazily on the executors. */
    public Dataset<Row> capture(Dataset<Row> texts) {
        CaptureSpec spec = spec();
        Capturers.get(spec); // a bad model or layer is refused here, in one sentence
        JavaRDD<Document> docs = requireSome(TextColumns.documents(texts, textCol, docIdCol));
        JavaRDD<Row> rows = docs.mapPartitions(it -> new TokenRows(new PartitionChunks(Capturers.get(spec), it)));
        return texts.sparkSession().createDataFrame(rows, SCHEMA);
    }

    /**
     * Captures {@code texts} into a new activation store at {@code out} (a local path, shared by every executor on a
     * cluster): each partition writes its own shards, then the driver writes capture.json and puts the store in place
     * in one rename; a failure leaves no store.
     */
    public Summary writeStore(Dataset<Row> texts, Path out) {
        CaptureSpec spec = spec();
        Capturer c = Capturers.get(spec);
        JavaRDD<Document> docs = requireSome(TextColumns.documents(texts, textCol, docIdCol));
        if (docs.getNumPartitions() > PartStore.MAX_PARTITIONS) {
            throw new InvalidInputException("The text is in " + docs.getNumPartitions() + " partitions; expected at most "
                    + PartStore.MAX_PARTITIONS + " (repartition it).");
        }
        StoreFolder folder = StoreFolder.begin(out);
        try {
            String dir = folder.staging();
            List<PartStore.Written> parts = new ArrayList<>(docs.mapPartitionsWithIndex(
                    (p, it) -> Collections.singletonList(PartStore.write(p, it, spec, dir)).iterator(), false).collect());
            parts.sort(Comparator.comparingInt(PartStore.Written::partition));
            List<StoreInfo.Shard> shards = new ArrayList<>();
            long documents = 0;
            long tokens = 0;
            int width = 0;
            for (PartStore.Written w : parts) {
                for (int s = 0; s < w.files().size(); s++) {
                    shards.add(new StoreInfo.Shard(w.files().get(s), w.rows()[s]));
                }
                documents += w.documents();
                tokens += w.tokens();
                width = Math.max(width, w.width());
            }
            if (shards.isEmpty()) {
                throw new InvalidInputException("Text '" + corpus + "' gave no tokens to capture; expected documents with text"
                        + (keepSpecial ? "" : " (special tokens are not captured without --keep-special)") + ".");
            }
            Capturer.Hook h = c.hooks().get(0);
            StoreInfo info = new StoreInfo(c.model().name(), h.tensor(), h.layer(), width, spec.dtype(), context,
                    "tokenizer.json", corpus, documents, shards);
            folder.complete(info, c.model().tokenizer());
            return new Summary(out, info.rows(), documents, tokens, shards.size(), parts.size());
        } catch (RuntimeException e) {
            folder.abandon();
            throw e;
        }
    }

    private JavaRDD<Document> requireSome(JavaRDD<Document> docs) {
        if (docs.isEmpty()) {
            throw new InvalidInputException("Column '" + textCol + "' holds no documents (no text that is not blank); "
                    + "expected at least one.");
        }
        return docs;
    }

    /** A partition's chunks as rows of {@link #SCHEMA}, one token at a time. */
    private static final class TokenRows implements Iterator<Row> {
        private final PartitionChunks chunks;
        private Rows chunk;
        private int at;

        TokenRows(PartitionChunks chunks) {
            this.chunks = chunks;
        }

        @Override
        public boolean hasNext() {
            while (chunk == null || at == chunk.size()) {
                if (!chunks.hasNext()) {
                    return false;
                }
                chunk = chunks.next();
                at = 0;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            int d = chunk.width();
            float[] v = java.util.Arrays.copyOfRange(chunk.values(0), at * d, (at + 1) * d);
            Row r = RowFactory.create(chunk.docs()[at], chunk.positions()[at], chunk.tokens()[at], v);
            at++;
            return r;
        }
    }
}
