package org.sae4j.spark.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.spark.InputColumn;
import org.sae4j.spark.io.StoreFrame;
import picocli.CommandLine.Option;

/**
 * Where the rows come from: a Parquet file or directory (read by the executors, one column of vectors), an
 * activation store's folder (read by the executors, {@link StoreFrame}), or any
 * source {@code sae4j train} reads (embedded, synthetic:..., .npy, .safetensors, IDX, .csv), loaded on the driver
 * and sliced into partitions in order.
 */
final class DataInput {
    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "embedded",
            description = "A .parquet file or directory (with --column), an activation store's folder (read by the executors), or what sae4j train reads: embedded (default), synthetic:..., a .npy/.safetensors/IDX/.csv file.")
    String source;

    @Option(names = "--column", paramLabel = "NAME", defaultValue = "features",
            description = "Parquet: the column of vectors, array<float>, array<double> or Vector (default ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--limit", paramLabel = "N", description = "Driver-loaded data: use only the first N samples.")
    Integer limit;

    /** An activation store's folder (sae4j capture's): read by the executors as {@link StoreFrame}'s activations. */
    boolean store() {
        return !parquet() && StoreFrame.isStore(source);
    }

    /** Read by the executors (Parquet, a store), not loaded on the driver. */
    boolean distributed() {
        return parquet() || store();
    }

    /** The executors' rows (distributed() only): Parquet in its own partitions, a store in {@code partitions}. */
    JavaRDD<float[]> distributedRows(SparkSession spark, int partitions) {
        return store() ? new InputColumn(ActivationStore.ACTIVATIONS).rows(StoreFrame.read(spark, source, partitions))
                : parquetRows(spark);
    }

    boolean parquet() {
        return source.endsWith(".parquet") || source.endsWith(".parquet/") || source.startsWith("parquet:");
    }

    String parquetPath() {
        return source.startsWith("parquet:") ? source.substring("parquet:".length()) : source;
    }

    /** The Parquet data's rows (parquet() only). */
    JavaRDD<float[]> parquetRows(SparkSession spark) {
        return new InputColumn(column).rows(spark.read().parquet(parquetPath()));
    }

    /** The driver-loaded data, limited. */
    Dataset load() {
        Dataset d = DataSources.resolve(source);
        if (limit != null) {
            if (limit <= 0) {
                throw new org.sae4j.InvalidInputException("--limit is " + limit + "; expected a positive number of samples.");
            }
            d = d.limit(limit);
        }
        return d;
    }

    /**
     * The rows as an RDD: Parquet in its own partitions, driver-loaded data in {@code partitions} contiguous slices
     * (at least one).
     */
    JavaRDD<float[]> rows(SparkSession spark, int partitions) {
        return distributed() ? distributedRows(spark, partitions) : slices(spark, load(), Math.max(1, partitions));
    }

    /** How reports and error sentences name the data. */
    String name() {
        return parquet() ? "'" + parquetPath() + "' column '" + column + "'"
                : store() ? "activation store '" + source + "'" : "'" + source + "'";
    }

    /** Rows of {@code data} in {@code partitions} contiguous slices, in order. */
    static JavaRDD<float[]> slices(SparkSession spark, Dataset data, int partitions) {
        List<float[]> rows = new ArrayList<>(data.rows());
        for (int r = 0; r < data.rows(); r++) {
            rows.add(Arrays.copyOfRange(data.values(), r * data.cols(), (r + 1) * data.cols()));
        }
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions);
    }
}
