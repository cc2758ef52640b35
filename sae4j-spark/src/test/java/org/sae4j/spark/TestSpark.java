package org.sae4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sae4j.data.Dataset;

/**
 * One local Spark for all the tests of this module (starting one costs seconds): two cores, each task tried up to
 * three times (so an injected task failure is retried as a lost executor's would be), bound to 127.0.0.1, no UI.
 * Spark 4.2 runs here on JDK 17 and on JDK 25 alike (checked: the whole module's tests), so nothing is skipped.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,3]").appName("sae4j-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    /** The rows of {@code data} as an RDD in {@code partitions} slices, in order. */
    public static JavaRDD<float[]> rows(Dataset data, int partitions) {
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < data.rows(); r++) {
            rows.add(java.util.Arrays.copyOfRange(data.values(), r * data.cols(), (r + 1) * data.cols()));
        }
        return context().parallelize(rows, partitions);
    }
}
