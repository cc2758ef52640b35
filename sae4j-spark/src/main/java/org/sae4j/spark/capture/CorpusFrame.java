package org.sae4j.spark.capture;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sae4j.lm.text.Corpus;
import org.sae4j.lm.text.Documents;

/**
 * An sae4j-lm corpus ({@code sae4j capture --text}'s files, folders, globs, .txt/.jsonl, gzipped or not) as a
 * DataFrame of {@code doc_id} and {@code text}, in {@code partitions} contiguous slices of documents. The driver
 * reads the corpus with sae4j-lm's own reader, so the documents and their numbers are {@code sae4j capture}'s by
 * construction; the text passes through the driver, so this suits corpora that fit in its memory (larger ones: a
 * DataFrame read by Spark, with a document id column).
 */
public final class CorpusFrame {
    public static final StructType SCHEMA = new StructType()
            .add("doc_id", DataTypes.LongType, false)
            .add("text", DataTypes.StringType, false);

    private CorpusFrame() {
    }

    public static Dataset<Row> read(SparkSession spark, Corpus corpus, int partitions) {
        List<Row> rows = new ArrayList<>();
        try (Documents d = corpus.open()) {
            for (long id = d.index(); ; id = d.index()) {
                String text = d.next();
                if (text == null) {
                    break;
                }
                rows.add(RowFactory.create(id, text));
            }
        }
        var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, partitions), SCHEMA);
    }
}
