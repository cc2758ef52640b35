package org.sae4j.spark.eval;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sae4j.InvalidInputException;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.eval.latents.Documents;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.LatentTotals;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.model.Model;
import org.sae4j.spark.InputColumn;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.spark.io.StoreFrame;
import org.sae4j.spark.reduce.TreeReduce;
import org.sae4j.tensor.SparseCode;
import scala.Tuple2;

/**
 * What {@code sae4j browse} measures of every latent, over a store read as a DataFrame ({@link StoreFrame}), on the
 * executors: each partition encodes its rows and keeps core's {@link LatentTotals} (counts, sums, maxima, fine
 * histograms, top examples, interval and quantile samples keyed by row, the token search) and its documents' runs;
 * the parts merge in the fixed tree over partition numbers, exactly into the single-machine pass's numbers (means
 * up to the order of the additions). The examples' windows (the tokens around each shown example, which may cross
 * a partition's edge) then come from a second, narrow pass over only the rows they span ({@link ExampleWindows}).
 * The result is the {@link LatentProfiles} the browser's site writer takes.
 */
public final class DistributedProfile {
    private DistributedProfile() {
    }

    /**
     * Profiles the model in {@code modelBytes} on {@code frame}, a {@link StoreFrame} of the store in
     * {@code storeDir} (rows ascending within each partition, the {@code row} column the store's row number).
     */
    public static LatentProfiles profile(JavaSparkContext sc, byte[] modelBytes, Dataset<Row> frame, String storeDir,
                                         ProfileOptions options) {
        Broadcast<byte[]> model = sc.broadcast(modelBytes);
        try {
            ProfilePart merged = pass(frame, model, options);
            if (merged.totals().rows() == 0) {
                throw new InvalidInputException("The store holds no rows; expected at least one to profile.");
            }
            ExampleWindows.gather(sc, model, storeDir, merged.totals(), merged.documents(), options.window(),
                    frame.rdd().getNumPartitions());
            return merged.totals().profiles(merged.documents());
        } finally {
            model.destroy();
        }
    }

    private static ProfilePart pass(Dataset<Row> frame, Broadcast<byte[]> model, ProfileOptions options) {
        InputColumn input = new InputColumn(ActivationStore.ACTIVATIONS);
        input.require(frame.schema());
        Dataset<Row> cols = frame.select("row", input.name(), "token_id", "doc_id");
        int partitions = cols.rdd().getNumPartitions();
        return TreeReduce.reduce(cols.toJavaRDD().mapPartitionsWithIndex((i, it) -> List.of(new Tuple2<>(i,
                part(ModelBytes.load(model.value()), it, input, options))).iterator(), true)
                .mapToPair(x -> x), partitions, ProfilePart::plus);
    }

    /** One partition's part: its rows encoded a chunk of consecutive store rows at a time. */
    static ProfilePart part(Model m, Iterator<Row> it, InputColumn input, ProfileOptions options) {
        int d = m.inputSize();
        LatentTotals totals = new LatentTotals(m.latentSize(), options);
        Documents documents = new Documents();
        float[] x = new float[Model.INFERENCE_BATCH * d];
        int[] tokens = new int[Model.INFERENCE_BATCH];
        int n = 0;
        long from = -1;
        while (it.hasNext()) {
            Row r = it.next();
            long row = r.getLong(0);
            if (n == Model.INFERENCE_BATCH || (n > 0 && row != from + n)) {
                add(m, totals, x, tokens, n, d, from);
                n = 0;
            }
            if (n == 0) {
                from = row;
            }
            float[] v = input.values(r, 1);
            if (v.length != d) {
                throw new InvalidInputException(String.format("Store row %d has %d values but the model expects %d.",
                        row, v.length, d));
            }
            System.arraycopy(v, 0, x, n * d, d);
            tokens[n] = r.getInt(2);
            documents.add(r.getLong(3), row);
            n++;
        }
        if (n > 0) {
            add(m, totals, x, tokens, n, d, from);
        }
        return new ProfilePart(totals, documents);
    }

    private static void add(Model m, LatentTotals totals, float[] x, int[] tokens, int n, int d, long from) {
        org.sae4j.data.Dataset chunk = new org.sae4j.data.Dataset("store rows " + from + "..", Arrays.copyOf(x, n * d), n, d);
        int at = 0;
        for (SparseCode code : m.encodeSparse(chunk)) {
            totals.add(code, from + at, Arrays.copyOfRange(tokens, at, at + code.rows()));
            at += code.rows();
        }
    }
}
