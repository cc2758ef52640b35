package org.sae4j.lm.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.lm.Fixtures.userError;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.lm.MiniLm;
import org.sae4j.lm.text.Corpus;

/** Captures into stores: provenance, shards at document boundaries, resume after a stop, several hooks, bad text. */
class StoreCaptureTest {
    private static Capturer layer2;
    private static Capturer layers13;

    @BeforeAll
    static void open() {
        CaptureSettings s = new CaptureSettings(32, 4, false, 0, "F32", 150, true, 2);
        layer2 = MiniLm.capturer(List.of(2), s);
        // batch 2: chunks of 16 windows, so 14 short documents make more than one shard
        layers13 = MiniLm.capturer(List.of(1, 3), new CaptureSettings(32, 2, false, 0, "F32", 150, true, 2));
    }

    @AfterAll
    static void close() {
        layer2.close();
        layers13.close();
    }

    private static Corpus corpus(Path dir, int docs) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            lines.add("Document " + i + " tells of hack number " + i + (i % 3 == 0 ? ", which was long and winding. " .repeat(4) : "."));
            if (i % 4 == 1) {
                lines.add(""); // blank lines are not documents
            }
        }
        Path f = dir.resolve("docs.txt");
        Files.write(f, lines);
        return Corpus.of(List.of(f.toString()), "text");
    }

    private static float[] all(Path store) {
        try (Shards s = Shards.open(store.toString())) {
            float[] v = new float[(int) (s.rows() * s.cols())];
            s.read(0, (int) s.rows(), v, 0);
            return v;
        }
    }

    @Test
    void aStoppedCaptureResumesToTheSameRows(@TempDir Path dir) throws Exception {
        Corpus c = corpus(dir, 30);
        StoreCapture.Summary once = StoreCapture.run(layer2, c, dir.resolve("once"), null);
        assertEquals(30, once.documents());
        ActivationStore s = ActivationStore.open(dir.resolve("once"));
        assertTrue(s.info().shards().size() > 1, "shards of about 150 rows");
        assertEquals("/encoder/layer.1/output/LayerNorm/Add_1_output_0", s.info().hook());
        assertEquals(2, s.info().layer());
        assertTrue(Files.isRegularFile(s.tokenizer()));
        ActivationStore.Provenance p = s.provenance(0, 3);
        assertArrayEquals(new long[] {0, 0, 0}, p.docs());
        assertArrayEquals(new int[] {1, 2, 3}, p.positions());
        assertEquals("document", layer2.tokenizer().token(p.tokens()[0]));

        // Stopped after 12 documents, then run again on the whole corpus: it goes on from document 12.
        StoreCapture.run(layer2, c.limit(12L), dir.resolve("twice"), null);
        StoreCapture.Summary rest = StoreCapture.run(layer2, c, dir.resolve("twice"), null);
        assertEquals(12, rest.resumedAt());
        assertEquals(once.rows(), rest.rows());
        assertArrayEquals(all(dir.resolve("once")), all(dir.resolve("twice")));
        assertArrayEquals(s.provenance(0, (int) s.rows()).docs(),
                ActivationStore.open(dir.resolve("twice")).provenance(0, (int) s.rows()).docs());
        // Nothing left to do: a third run writes nothing.
        assertEquals(0, StoreCapture.run(layer2, c, dir.resolve("twice"), null).rowsWritten());
    }

    @Test
    void severalHooksGoToOneStoreEachAndResumeInStep(@TempDir Path dir) throws Exception {
        Corpus c = corpus(dir, 20);
        Path out = dir.resolve("acts");
        StoreCapture.run(layers13, c.limit(14L), out, null);
        // A kill between the two capture.json files leaves layer 1's store a shard ahead of layer 3's: made here by
        // rolling layer 3 back one shard to the documents its previous shard ended at.
        Path l1 = out.resolve("layer-1");
        Path l3 = out.resolve("layer-3");
        ActivationStore s3 = ActivationStore.open(l3);
        assertTrue(s3.info().shards().size() >= 2);
        long lastShardStart = s3.rows() - s3.info().shards().get(s3.info().shards().size() - 1).rows();
        long docsBefore = s3.provenance(lastShardStart - 1, 1).docs()[0] + 1;
        org.sae4j.io.ActivationStoreWriter.resume(l3).dropLastShard(docsBefore);
        StoreCapture.Summary s = StoreCapture.run(layers13, c, out, null);
        assertTrue(s.resumedAt() < 14 && s.resumedAt() > 0, "resumed at " + s.resumedAt());
        StoreCapture.run(layers13, c, dir.resolve("fresh"), null);
        assertArrayEquals(all(dir.resolve("fresh/layer-1")), all(l1));
        assertArrayEquals(all(dir.resolve("fresh/layer-3")), all(l3));
        assertFalse(java.util.Arrays.equals(all(l1), all(l3)));
    }

    @Test
    void resumingWithOtherSettingsIsRefused(@TempDir Path dir) throws Exception {
        Corpus c = corpus(dir, 3);
        StoreCapture.run(layer2, c, dir.resolve("acts"), null);
        userError(() -> StoreCapture.run(layers13, c, dir.resolve("acts"), null), "holds the capture of one hook");
        try (Capturer other = MiniLm.capturer(List.of(4), new CaptureSettings(32, 4, false, 0, "F32", 150, true, 2))) {
            userError(() -> StoreCapture.run(other, c, dir.resolve("acts"), null), "hook", "layer.1", "same settings");
        }
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x.txt"), "x");
        userError(() -> StoreCapture.run(layer2, c, dir.resolve("full"), null), "is not empty");
    }

    @Test
    void badTextIsOneSentence(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "first line\ncaf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        Corpus bad = Corpus.of(List.of(latin1.toString()), "text");
        userError(() -> StoreCapture.run(layer2, bad, dir.resolve("a"), null), "latin1.txt", "not valid UTF-8 at line 2");
        assertFalse(Files.exists(dir.resolve("a/shard-00000.safetensors")), "no shard from a failed read");

        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n  \n\t\n");
        userError(() -> Corpus.of(List.of(empty.toString()), "text").requireSome(), "holds no documents");
        Path nothing = dir.resolve("nothing.txt");
        Files.writeString(nothing, "\u200b\u200b\n");
        userError(() -> StoreCapture.run(layer2, Corpus.of(List.of(nothing.toString()), "text"), dir.resolve("b"), null),
                "gave no tokens");
        assertFalse(Files.exists(dir.resolve("b")), "nothing written for an empty capture");

        Path jsonl = dir.resolve("d.jsonl");
        Files.writeString(jsonl, "{\"text\": \"fine\"}\n{\"body\": \"no text field\"}\n");
        userError(() -> StoreCapture.run(layer2, Corpus.of(List.of(jsonl.toString()), "text"), dir.resolve("c"), null),
                "Line 2", "no text field 'text'", "--text-field");
        userError(() -> Corpus.of(List.of(dir.resolve("missing.txt").toString()), "text"), "missing.txt", "does not exist");
        userError(() -> Corpus.of(List.of(dir.resolve("*.none").toString()), "text"), "No files match");
    }
}
