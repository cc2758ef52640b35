package org.sae4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.ModelFile;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.spark.TestSpark;

/**
 * The launcher's command line: with one partition its model file is {@code sae4j train}'s, byte for byte; bad input
 * is one sentence with exit code 1 and leaves no model file behind.
 */
class SparkTrainCommandTest {
    private static final String[] FLAGS = {"--arch", "topk", "--width", "32", "--k", "4", "--data",
        "synthetic:features=24,dim=8,samples=1200,seed=2", "--epochs", "2", "--batch-size", "100", "--lr", "0.003", "-q"};

    record Run(int code, String out, String err) {
    }

    static Run spark(String... args) {
        TestSpark.session(); // the launcher's getOrCreate finds the tests' session
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void onePartitionWritesTheModelFileSae4jTrainWrites(@TempDir Path dir) throws Exception {
        Path local = dir.resolve("local.safetensors");
        Path spread = dir.resolve("spark.safetensors");
        int code = org.sae4j.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                with(with(new String[] {"train"}, FLAGS), "--out", local.toString()));
        assertEquals(0, code);
        Run r = spark(with(with(new String[] {"train"}, FLAGS), "--partitions", "1", "--sync-every", "5", "--out", spread.toString()));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spread));
    }

    /** Spark trains SAEs alone: with no --arch it trains topk, where sae4j train would train a classic preset. */
    @Test
    void withoutArchItTrainsTopk(@TempDir Path dir) {
        Path out = dir.resolve("m.safetensors");
        String[] noArch = java.util.Arrays.copyOfRange(FLAGS, 2, FLAGS.length);
        assertEquals("--width", noArch[0]);
        Run r = spark(with(with(new String[] {"train"}, noArch), "--partitions", "1", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        SparseAutoencoder m = (SparseAutoencoder) ModelFile.load(out);
        assertEquals(Architecture.TOPK, m.architecture());
        assertEquals(4, m.config().k());
    }

    /** --samples reads a count as sae4j train's does: 1.5k is 1500 samples, and a fraction of a sample is refused. */
    @Test
    void samplesTakeTrainsSuffixes(@TempDir Path dir) throws Exception {
        Path suffixed = dir.resolve("k.safetensors");
        Path plain = dir.resolve("n.safetensors");
        Run k = spark(with(with(new String[] {"train"}, FLAGS), "--samples", "1.5k", "--partitions", "1", "--out",
                suffixed.toString()));
        assertEquals(0, k.code(), k.err());
        Run n = spark(with(with(new String[] {"train"}, FLAGS), "--samples", "1500", "--partitions", "1", "--out",
                plain.toString()));
        assertEquals(0, n.code(), n.err());
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(suffixed));
        Run half = spark(with(with(new String[] {"train"}, FLAGS), "--samples", "0.5", "--out", dir.resolve("h").toString()));
        assertTrue(half.code() != 0 && half.err().contains("'0.5' is not a sample count"), half.err());
    }

    @Test
    void twoPartitionsTrainAndReport(@TempDir Path dir) {
        Path out = dir.resolve("m.safetensors");
        Run r = spark(with(with(new String[] {"train"}, FLAGS), "--partitions", "2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("on 2 partitions"), r.out());
        assertTrue(Files.exists(out));
    }

    @Test
    void encodeAppendsTheLatentsToAParquetDataset(@TempDir Path dir) {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, spark(with(with(new String[] {"train"}, FLAGS), "--partitions", "2", "--out", model.toString())).code());
        var type = DataTypes.createArrayType(DataTypes.FloatType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(RowFactory.create((Object) new float[] {i, 1, 2, 3, 4, 5, 6, 7}));
        }
        Path data = parquet(dir.resolve("in"), type, rows);
        Path out = dir.resolve("out.parquet");
        Run r = spark("encode", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        var back = TestSpark.session().read().parquet(out.toString());
        assertEquals(50, back.count());
        assertEquals(32, ((org.apache.spark.ml.linalg.Vector) back.first().getAs("latents")).size());
    }

    @Test
    void aMissingFileIsOneSentence(@TempDir Path dir) {
        Path out = dir.resolve("m.safetensors");
        Run r = spark("train", "--data", dir.resolve("nope.npy").toString(), "--out", out.toString());
        assertOneSentence(r);
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnreachableParquetPathIsOneSentence(@TempDir Path dir) {
        Run r = spark("train", "--data", dir.resolve("nope.parquet").toString(), "--out", dir.resolve("m.safetensors").toString());
        assertOneSentence(r);
        assertTrue(r.err().contains("nope.parquet"), r.err());
    }

    @Test
    void aColumnOfTheWrongTypeIsOneSentence(@TempDir Path dir) {
        Path data = parquet(dir, DataTypes.StringType, List.of(RowFactory.create("a"), RowFactory.create("b")));
        Run r = spark("train", "--data", data.toString(), "--out", dir.resolve("m.safetensors").toString());
        assertOneSentence(r);
        assertTrue(r.err().contains("Column 'features' is of type string"), r.err());
    }

    @Test
    void rowsOfAnotherWidthOrNotFiniteAreOneSentenceAndLeaveNoModel(@TempDir Path dir) {
        var type = DataTypes.createArrayType(DataTypes.FloatType, false);
        Path ragged = parquet(dir.resolve("r"), type, List.of(RowFactory.create((Object) new float[] {1, 2}),
                RowFactory.create((Object) new float[] {1, 2, 3})));
        Path out = dir.resolve("m.safetensors");
        Run r = spark("train", "--data", ragged.toString(), "--partitions", "1", "--out", out.toString());
        assertOneSentence(r);
        assertTrue(r.err().contains("has 3 values but the model expects 2"), r.err());
        Path nan = parquet(dir.resolve("n"), type, List.of(RowFactory.create((Object) new float[] {1, Float.NaN}),
                RowFactory.create((Object) new float[] {1, 2})));
        r = spark("train", "--data", nan.toString(), "--partitions", "1", "--out", out.toString());
        assertOneSentence(r);
        assertTrue(r.err().contains("NaN"), r.err());
        assertFalse(Files.exists(out));
    }

    private static Path parquet(Path dir, org.apache.spark.sql.types.DataType type, List<Row> rows) {
        Path p = dir.resolve("data.parquet");
        StructType schema = new StructType().add("features", type, false);
        TestSpark.session().createDataFrame(rows, schema).coalesce(1).write().parquet(p.toString());
        return p;
    }

    private static void assertOneSentence(Run r) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("Error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
