package org.sae4j.spark.capture;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sae4j.InvalidInputException;
import org.sae4j.lm.capture.Document;

/**
 * A DataFrame's text column as numbered documents, in the DataFrame's order. A blank or null text is not a document
 * (as a blank line is not one to {@code sae4j capture}). The numbers come from an id column when one is named (each
 * row's own, kept as given), otherwise from the order: the n-th non-blank text, counting across partitions in
 * partition order (a {@code zipWithIndex}), which is the document number {@code sae4j capture} gives the same texts
 * one per line, as long as the DataFrame's order is the file's.
 */
final class TextColumns {
    private TextColumns() {
    }

    static JavaRDD<Document> documents(Dataset<Row> texts, String textCol, String idCol) {
        StructType schema = texts.schema();
        int t = column(schema, textCol, "text");
        if (!schema.fields()[t].dataType().equals(DataTypes.StringType)) {
            throw new InvalidInputException("Column '" + textCol + "' holds " + schema.fields()[t].dataType().simpleString()
                    + "; expected a string column of text.");
        }
        if (idCol == null) {
            return texts.javaRDD().map(r -> r.isNullAt(t) ? "" : r.getString(t)).filter(s -> !s.isBlank())
                    .zipWithIndex().map(p -> new Document(p._2(), p._1()));
        }
        int i = column(schema, idCol, "document id");
        DataType type = schema.fields()[i].dataType();
        if (!type.equals(DataTypes.LongType) && !type.equals(DataTypes.IntegerType)) {
            throw new InvalidInputException("Column '" + idCol + "' holds " + type.simpleString()
                    + "; expected document ids as bigint or int.");
        }
        return texts.javaRDD().filter(r -> !r.isNullAt(t) && !r.getString(t).isBlank()).map(r -> {
            if (r.isNullAt(i)) {
                throw new InvalidInputException("Column '" + idCol + "' is null beside the text '" + preview(r.getString(t))
                        + "'; expected every document to have an id.");
            }
            return new Document(((Number) r.get(i)).longValue(), r.getString(t));
        });
    }

    private static int column(StructType schema, String name, String what) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new InvalidInputException("The DataFrame has no " + what + " column '" + name + "' (its columns: "
                    + String.join(", ", schema.fieldNames()) + "); expected the column that holds the " + what + ".");
        }
        return schema.fieldIndex(name);
    }

    private static String preview(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
