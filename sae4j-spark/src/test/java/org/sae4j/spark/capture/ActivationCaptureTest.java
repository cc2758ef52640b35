package org.sae4j.spark.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.spark.TestSpark;

/**
 * Distributed capture gives the rows {@code sae4j capture} writes for the same texts (one document per line): every
 * document, position and token equal, every activation the same float bit for bit, from 1 and 2 partitions (see
 * {@link CaptureTexts} for the settings); document ids from a column are kept; bad input is one sentence.
 */
class ActivationCaptureTest {
    private static List<String> lines;
    private static CaptureTexts.Expected expected;

    @BeforeAll
    static void reference(@TempDir Path tmp) throws Exception {
        lines = CaptureTexts.lines();
        // two ONNX Runtime threads here, one per task in Spark: the bits do not depend on it either
        expected = CaptureTexts.sae4jCapture(CaptureTexts.write(tmp), tmp.resolve("ref"), "--threads", "2", "--shard-rows", "60");
        assertTrue(expected.store().info().shards().size() > 1);
    }

    static ActivationCapture layer1() {
        return new ActivationCapture().setModel("minilm").setLayer(1).setContext(16).setBatch(2);
    }

    private static Dataset<Row> texts(int partitions) {
        List<Row> rows = new ArrayList<>();
        lines.forEach(l -> rows.add(RowFactory.create(l)));
        StructType schema = new StructType().add("text", DataTypes.StringType, false);
        return TestSpark.session().createDataFrame(TestSpark.context().parallelize(rows, partitions), schema);
    }

    @Test
    void rowsFromOneAndTwoPartitionsAreSae4jCapturesRows() {
        for (int partitions : new int[] {1, 2}) {
            List<Row> rows = layer1().capture(texts(partitions)).collectAsList();
            assertEquals(expected.rows(), rows.size(), partitions + " partitions");
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                String at = "row " + i + " of " + partitions + " partitions";
                assertEquals(expected.p().docs()[i], r.getLong(0), at);
                assertEquals(expected.p().positions()[i], r.getInt(1), at);
                assertEquals(expected.p().tokens()[i], r.getInt(2), at);
                List<Float> a = r.getList(3);
                assertEquals(expected.d(), a.size());
                for (int j = 0; j < a.size(); j++) {
                    assertEquals(Float.floatToRawIntBits(expected.values()[i * expected.d() + j]), Float.floatToRawIntBits(a.get(j)),
                            at + ", value " + j);
                }
            }
        }
    }

    @Test
    void documentIdsFromAColumnAreKept() {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(70L, "The first hack."));
        rows.add(RowFactory.create(12L, "  "));
        rows.add(RowFactory.create(3L, "A second one."));
        StructType schema = new StructType().add("id", DataTypes.LongType, false).add("body", DataTypes.StringType, false);
        List<Row> got = layer1().setTextCol("body").setDocIdCol("id")
                .capture(TestSpark.session().createDataFrame(rows, schema)).collectAsList();
        assertEquals(70L, got.get(0).getLong(0));
        assertEquals(3L, got.get(got.size() - 1).getLong(0));
        assertTrue(got.stream().noneMatch(r -> r.getLong(0) == 12L), "a blank text gives no rows");
        assertEquals(1, got.get(0).getInt(1), "position 0 is [CLS], not kept");
    }

    @Test
    void badInputIsOneSentence() {
        Dataset<Row> texts = texts(2);
        assertSentence(() -> layer1().setTextCol("body").capture(texts), "no text column 'body'", "its columns: text");
        assertSentence(() -> layer1().setLayer(9).capture(texts), "Layer 9 is not in model 'minilm'");
        List<Row> blank = List.of(RowFactory.create(" "), RowFactory.create(""));
        Dataset<Row> empty = TestSpark.session().createDataFrame(blank, texts.schema());
        assertSentence(() -> layer1().capture(empty), "Column 'text' holds no documents");
        assertSentence(() -> layer1().setTextCol("text").setDocIdCol("text").capture(texts), "Column 'text' holds string",
                "expected document ids as bigint or int");
    }

    static void assertSentence(org.junit.jupiter.api.function.Executable action, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.endsWith("."), m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "'" + f + "' missing from: " + m);
        }
    }
}
