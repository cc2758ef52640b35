package org.sae4j.spark.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The session a command runs in. Under {@code spark-submit} the master comes from its configuration; otherwise
 * (the local launcher) Spark runs in this JVM, bound to 127.0.0.1 with no web UI, so nothing listens beyond the
 * machine.
 */
final class SparkSessions {
    private SparkSessions() {
    }

    static SparkSession open(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("sae4j-spark");
        boolean submitted = new SparkConf().contains("spark.master");
        String chosen = master != null ? master : submitted ? null : "local[*]";
        if (chosen != null) {
            b.master(chosen);
        }
        if (chosen != null && chosen.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        return s;
    }
}
