package org.sae4j.spark.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sae4j.InvalidInputException;
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
 * The browser's per-latent numbers over a store read as a DataFrame ({@link StoreFrame}), in two passes of
 * encoding on the executors, each partition's {@link LatentTotals} merged in the fixed tree over partition numbers:
 * the first pass gives firing counts, sums, maxima, top examples and each latent's histogram range; the second
 * counts the histograms in those ranges and collects the store provenance (document, position, token) of the top
 * examples from the partitions that hold them. Counts, maxima, histograms and the top examples equal the
 * single-machine {@code LatentProfiler}'s on the same rows; means up to the order of the additions.
 *
 * <p>Not computed here (yet): the example windows (the latent's values on the tokens around an example) and the
 * interval and quantile reservoirs; so no browser site is written from these numbers.
 */
public final class DistributedProfile {
    private DistributedProfile() {
    }

    /**
     * The numbers and the top examples' provenance.
     *
     * @param totals    every latent's totals, histograms included
     * @param rows      the top examples' store rows, ascending
     * @param docs      their documents
     * @param positions their positions
     * @param tokens    their token ids
     */
    public record Result(LatentTotals totals, long[] rows, long[] docs, int[] positions, int[] tokens) {
        /** The index of store row {@code row} in the provenance arrays, or a negative number when it is not there. */
        public int indexOf(long row) {
            return Arrays.binarySearch(rows, row);
        }
    }

    /**
     * Profiles the model in {@code modelBytes} on {@code frame} (a {@link StoreFrame}: rows ascending within each
     * partition, the {@code row} column the store's row number), keeping {@code options.top()} examples and
     * {@code options.bins()} bins per latent.
     */
    public static Result profile(JavaSparkContext sc, byte[] modelBytes, Dataset<Row> frame, ProfileOptions options) {
        Broadcast<byte[]> model = sc.broadcast(modelBytes);
        try {
            ProfilePart first = pass(frame, model, options, null, new long[0]);
            if (first.totals().rows() == 0) {
                throw new InvalidInputException("The store holds no rows; expected at least one to profile.");
            }
            LatentTotals t = first.totals();
            int width = ModelBytes.load(modelBytes).latentSize();
            List<Long> wanted = new ArrayList<>();
            for (int l = 0; l < width; l++) {
                for (long r : t.top(l).rows()) {
                    wanted.add(r);
                }
            }
            long[] rows = wanted.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            ProfilePart second = pass(frame, model, options, t.ranges(), rows);
            Integer[] order = new Integer[second.rows().length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(second.rows()[a], second.rows()[b]));
            long[] r = new long[order.length];
            long[] d = new long[order.length];
            int[] p = new int[order.length];
            int[] k = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                r[i] = second.rows()[order[i]];
                d[i] = second.docs()[order[i]];
                p[i] = second.positions()[order[i]];
                k[i] = second.tokens()[order[i]];
            }
            return new Result(second.totals(), r, d, p, k);
        } finally {
            model.destroy();
        }
    }

    private static ProfilePart pass(Dataset<Row> frame, Broadcast<byte[]> model, ProfileOptions options, double[] ranges,
                                    long[] wanted) {
        InputColumn input = new InputColumn(org.sae4j.data.store.ActivationStore.ACTIVATIONS);
        input.require(frame.schema());
        Dataset<Row> cols = frame.select("row", input.name(), "token_id", "doc_id", "position");
        int partitions = cols.rdd().getNumPartitions();
        int top = options.top(); // ProfileOptions is not serialisable; its two numbers are
        int bins = options.bins();
        return TreeReduce.reduce(cols.toJavaRDD().mapPartitionsWithIndex((i, it) -> List.of(new Tuple2<>(i,
                part(ModelBytes.load(model.value()), it, input, top, bins, ranges, wanted))).iterator(), true)
                .mapToPair(x -> x), partitions, ProfilePart::plus);
    }

    /** One partition's part: its rows encoded a chunk of consecutive store rows at a time. */
    static ProfilePart part(Model m, Iterator<Row> it, InputColumn input, int top, int bins, double[] ranges,
                            long[] wanted) {
        int d = m.inputSize();
        LatentTotals totals = new LatentTotals(m.latentSize(), top, bins, ranges);
        List<long[]> found = new ArrayList<>();
        float[] x = new float[Model.INFERENCE_BATCH * d];
        int n = 0;
        long from = -1;
        while (it.hasNext()) {
            Row r = it.next();
            long row = r.getLong(0);
            if (n == Model.INFERENCE_BATCH || (n > 0 && row != from + n)) {
                add(m, totals, x, n, d, from);
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
            n++;
            if (Arrays.binarySearch(wanted, row) >= 0) {
                found.add(new long[] {row, r.getLong(3), r.getInt(4), r.getInt(2)});
            }
        }
        if (n > 0) {
            add(m, totals, x, n, d, from);
        }
        long[] rows = new long[found.size()];
        long[] docs = new long[found.size()];
        int[] positions = new int[found.size()];
        int[] tokens = new int[found.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = found.get(i)[0];
            docs[i] = found.get(i)[1];
            positions[i] = (int) found.get(i)[2];
            tokens[i] = (int) found.get(i)[3];
        }
        return new ProfilePart(totals, rows, docs, positions, tokens);
    }

    private static void add(Model m, LatentTotals totals, float[] x, int n, int d, long from) {
        org.sae4j.data.Dataset chunk = new org.sae4j.data.Dataset("store rows " + from + "..", Arrays.copyOf(x, n * d), n, d);
        long at = from;
        for (SparseCode code : m.encodeSparse(chunk)) {
            totals.add(code, at);
            at += code.rows();
        }
    }
}
