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
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.capture.CaptureTexts;
import org.sae4j.spark.io.StoreFrame;

/**
 * {@code sae4j-spark capture} writes the store {@code sae4j capture} writes for the same text: the same rows bit for
 * bit from 1 and 2 partitions, the same capture.json apart from how the rows are cut into shards (with one partition
 * the same cut too, so every shard is the same bytes); core's reader, {@link StoreFrame}, {@code sae4j train} and
 * {@code sae4j-spark train} read it. Bad input is one sentence and leaves nothing at {@code --out}.
 */
class SparkCaptureCommandTest {
    private static final String[] FLAGS = CaptureTexts.FLAGS;

    private static SparkTrainCommandTest.Run capture(Path text, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("capture", "--text", text.toString(), "--out", out.toString()));
        List<String> flags = List.of(FLAGS);
        args.addAll(List.of(more).contains("--layer") ? flags.subList(2, flags.size()) : flags); // FLAGS starts with --layer 1
        args.addAll(List.of(more));
        return SparkTrainCommandTest.spark(args.toArray(new String[0]));
    }

    private static int sae4j(String... args) {
        StringWriter err = new StringWriter();
        int code = org.sae4j.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    void theStoreIsSae4jCapturesStore(@TempDir Path dir) throws Exception {
        CaptureTexts.Expected want = expected(dir, "--shard-rows", "60");
        for (String partitions : List.of("1", "2")) {
            Path out = dir.resolve("spark-" + partitions);
            SparkTrainCommandTest.Run r = capture(text(dir), out, "--partitions", partitions, "--shard-rows", "60");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("on " + partitions + " partition"), r.out());
            CaptureTexts.Expected got = CaptureTexts.Expected.of(out);
            assertEquals(want.rows(), got.rows());
            assertArrayEquals(want.values(), got.values(), "activations, " + partitions + " partitions");
            assertArrayEquals(want.p().docs(), got.p().docs());
            assertArrayEquals(want.p().positions(), got.p().positions());
            assertArrayEquals(want.p().tokens(), got.p().tokens());
            StoreInfo a = want.store().info();
            StoreInfo b = got.store().info();
            assertEquals(new StoreInfo(a.model(), a.hook(), a.layer(), a.dModel(), a.dtype(), a.context(), a.tokenizer(),
                    a.corpus(), a.documents(), List.of()), new StoreInfo(b.model(), b.hook(), b.layer(), b.dModel(), b.dtype(),
                    b.context(), b.tokenizer(), b.corpus(), b.documents(), List.of()));
            assertArrayEquals(Files.readAllBytes(want.store().tokenizer()), Files.readAllBytes(got.store().tokenizer()));
            if (partitions.equals("1")) {
                assertEquals(a.shards().size(), b.shards().size());
                for (int s = 0; s < a.shards().size(); s++) {
                    assertArrayEquals(Files.readAllBytes(want.store().dir().resolve(a.shards().get(s).file())),
                            Files.readAllBytes(out.resolve(b.shards().get(s).file())), "shard " + s);
                }
            } else {
                assertTrue(b.shards().stream().anyMatch(s -> s.file().startsWith("shard-00001-")), "partition 1 wrote shards");
            }
            assertNothingHidden(dir);
        }

        Path store = dir.resolve("spark-2");
        List<Row> frame = StoreFrame.read(TestSpark.session(), store.toString(), 3).collectAsList();
        assertEquals(want.rows(), frame.size());
        for (int i = 0; i < frame.size(); i++) {
            assertEquals(want.p().docs()[i], frame.get(i).getLong(3));
            List<Float> v = frame.get(i).getList(1);
            assertEquals(want.values()[i * want.d() + 7], v.get(7));
        }
        sae4j("train", "--data", store.toString(), "--arch", "topk", "--k", "4", "--width", "64", "--epochs", "1", "-q",
                "--out", dir.resolve("local.safetensors").toString());
        SparkTrainCommandTest.Run t = SparkTrainCommandTest.spark("train", "--data", store.toString(), "--arch", "topk", "--k",
                "4", "--width", "64", "--epochs", "1", "-q", "--out", dir.resolve("spark.safetensors").toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.isRegularFile(dir.resolve("spark.safetensors")));
    }

    @Test
    void onePartitionCutsNormOutliersAsSae4jCaptureDoes(@TempDir Path dir) throws Exception {
        CaptureTexts.Expected all = CaptureTexts.sae4jCapture(text(dir), dir.resolve("all"), "--keep-special");
        CaptureTexts.Expected cut = expected(dir, "--keep-special", "--max-norm-ratio", "1.02");
        assertTrue(cut.rows() < all.rows(), "the cut drops rows: " + cut.rows() + " of " + all.rows());
        Path out = dir.resolve("spark");
        SparkTrainCommandTest.Run r = capture(text(dir), out, "--partitions", "1", "--keep-special", "--max-norm-ratio", "1.02");
        assertEquals(0, r.code(), r.err());
        CaptureTexts.Expected got = CaptureTexts.Expected.of(out);
        assertArrayEquals(cut.values(), got.values());
        assertArrayEquals(cut.p().docs(), got.p().docs());
        assertArrayEquals(cut.p().positions(), got.p().positions());
    }

    @Test
    void badInputIsOneSentenceAndNoStore(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        SparkTrainCommandTest.Run r = capture(text(dir), out, "--layer", "9");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Layer 9 is not in model 'minilm'"), r.err());
        assertFalse(Files.exists(out));
        assertNothingHidden(dir);

        Path blank = dir.resolve("blank.txt");
        Files.write(blank, List.of("", "   "));
        r = capture(blank, out);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("holds no documents"), r.err());

        Path special = dir.resolve("empty-tokens.txt");
        Files.write(special, List.of("\u200b")); // a document whose text gives no token
        r = capture(special, out);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("gave no tokens to capture"), r.err());
        assertFalse(Files.exists(out));
        assertNothingHidden(dir);

        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        r = capture(text(dir), out);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("is not empty"), r.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("Error:")).count(), r.err());
    }

    /** The reference store of the shared text, captured by sae4j capture with {@code more} flags. */
    private static CaptureTexts.Expected expected(Path dir, String... more) throws Exception {
        return CaptureTexts.sae4jCapture(text(dir), dir.resolve("ref"), more);
    }

    private static Path text(Path dir) throws Exception {
        return CaptureTexts.write(dir);
    }

    private static void assertNothingHidden(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "a partial folder was left");
        }
    }
}
