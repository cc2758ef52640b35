package org.sae4j.spark.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;

/**
 * An sae4j activation store ({@code sae4j capture}'s folder of safetensors shards and capture.json) as a DataFrame,
 * one row per token: {@code row} (the store's row number), {@code activations} (array&lt;float&gt;, d_model values),
 * {@code token_id}, {@code doc_id}, {@code position}. The driver reads only capture.json and cuts the rows into
 * ranges; each partition opens the store itself and reads its own range a chunk at a time through core's shard
 * reader and provenance reader, so no row passes through the driver and a partition holds one chunk at a time.
 * Rows come in store order, partition by partition.
 *
 * <p>The store is read by path with core's file readers: on a cluster it must be at the same path on every
 * executor (a shared or replicated file system); a Hadoop URI is not read.
 */
public final class StoreFrame {
    /** Rows each partition reads at a time. */
    static final int CHUNK = 1024;

    public static final StructType SCHEMA = new StructType()
            .add("row", DataTypes.LongType, false)
            .add(ActivationStore.ACTIVATIONS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("token_id", DataTypes.IntegerType, false)
            .add("doc_id", DataTypes.LongType, false)
            .add("position", DataTypes.IntegerType, false);

    private StoreFrame() {
    }

    /** True when {@code path} is an activation store's folder. */
    public static boolean isStore(String path) {
        return ActivationStore.isStore(Path.of(path));
    }

    /**
     * The store in {@code dir} as a DataFrame of {@code partitions} contiguous row ranges (0: one per shard, the
     * capture's own cut).
     */
    public static Dataset<Row> read(SparkSession spark, String dir, int partitions) {
        if (partitions < 0) {
            throw new InvalidInputException("Partitions is " + partitions + "; expected 0 (one per shard) or more.");
        }
        ActivationStore store = ActivationStore.open(Path.of(dir));
        List<long[]> ranges = new ArrayList<>();
        if (partitions == 0) {
            long first = 0;
            for (var s : store.info().shards()) {
                ranges.add(new long[] {first, s.rows()});
                first += s.rows();
            }
        } else {
            long n = store.rows();
            for (int p = 0; p < partitions; p++) {
                long from = n * p / partitions;
                ranges.add(new long[] {from, n * (p + 1) / partitions - from});
            }
        }
        String path = store.dir().toAbsolutePath().toString();
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ranges, ranges.size())
                .mapPartitions(it -> it.hasNext() ? new RangeRows(path, it.next()) : java.util.Collections.emptyIterator());
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Rows [first, first + n) of the store, read a chunk at a time; the readers close when the range ends. */
    private static final class RangeRows implements Iterator<Row> {
        private final long end;
        private final Shards shards;
        private final ActivationStore store;
        private long next;
        private float[] values;
        private ActivationStore.Provenance chunk;
        private int at;

        RangeRows(String dir, long[] range) {
            this.store = ActivationStore.open(Path.of(dir));
            this.shards = Shards.open(store.activationsSpec());
            this.next = range[0];
            this.end = range[0] + range[1];
        }

        @Override
        public boolean hasNext() {
            if (chunk != null && at < chunk.rows()) {
                return true;
            }
            if (next >= end) {
                shards.close();
                return false;
            }
            int n = (int) Math.min(CHUNK, end - next);
            int d = shards.cols();
            values = new float[n * d];
            shards.read(next, n, values, 0);
            chunk = store.provenance(next, n);
            at = 0;
            next += n;
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int d = shards.cols();
            float[] v = java.util.Arrays.copyOfRange(values, at * d, (at + 1) * d); // unboxed, as array<float> takes it
            Row r = RowFactory.create(chunk.first() + at, v, chunk.tokens()[at], chunk.docs()[at], chunk.positions()[at]);
            at++;
            return r;
        }
    }
}
