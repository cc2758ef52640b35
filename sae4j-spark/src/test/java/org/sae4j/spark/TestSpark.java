package org.sae4j.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sae4j.data.Dataset;

/**
 * One local Spark for all the tests of this module (starting one costs seconds): two cores, each task tried up to
 * three times (so an injected task failure is retried as a lost executor's would be), bound to 127.0.0.1, no UI.
 */
public final class TestSpark {
    /** Spark 4.2 runs on JDK 17 and 21; newer JDKs lack what Hadoop's login needs (Subject.getSubject). */
    public static final int NEWEST_JDK = 21;
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        assumeTrue(Runtime.version().feature() <= NEWEST_JDK, "Spark 4.2 runs on JDK 17 to " + NEWEST_JDK
                + "; this is JDK " + Runtime.version().feature() + " (Hadoop's login calls Subject.getSubject, which "
                + "newer JDKs refuse), so the Spark tests are skipped");
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
