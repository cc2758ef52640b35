package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.io.ActivationStoreWriter;

/** sae4j browse and export --format neuronpedia from the command line: a store, images, bad input. */
class BrowseCommandTest {

    /** A store of 2,000 tokens of 16 values, a word vocabulary, documents of 40 tokens. */
    static Path store(Path dir) throws Exception {
        Path store = dir.resolve("acts");
        ActivationStoreWriter w = ActivationStoreWriter.create(store, new StoreInfo("toy", "/layer.0/output", 0, 16, "F32", 40,
                "tokenizer.json", "generated", 0, List.of()));
        String[] words = {"Ġthe", "Ġcat", "Ġsat", "Ġon", "Ġmat", "Ġin", "ĠParis", ".", "Ġa", "Ġdog"};
        StringBuilder tok = new StringBuilder("{\"model\": {\"type\": \"BPE\", \"vocab\": {");
        for (int i = 0; i < words.length; i++) {
            tok.append(i == 0 ? "" : ", ").append('"').append(words[i]).append("\": ").append(i);
        }
        Files.writeString(store.resolve("tokenizer.json"), tok.append("}}}").toString());
        SplittableRandom r = new SplittableRandom(1);
        for (int s = 0; s < 2; s++) {
            int n = 1000;
            float[] a = new float[n * 16];
            int[] tokens = new int[n];
            long[] docs = new long[n];
            int[] pos = new int[n];
            for (int i = 0; i < n; i++) {
                tokens[i] = r.nextInt(words.length);
                docs[i] = (s * n + i) / 40;
                pos[i] = (s * n + i) % 40;
                for (int j = 0; j < 16; j++) {
                    a[i * 16 + j] = (float) r.nextGaussian() + (j == tokens[i] ? 3f : 0f);
                }
            }
            w.append(a, n, tokens, docs, pos, (s + 1) * 25L);
        }
        return store;
    }

    @Test
    void browsesAStoreAndExportsItToNeuronpedia(@TempDir Path dir) throws Exception {
        Path acts = store(dir);
        Path sae = dir.resolve("sae.safetensors");
        CliTest.Run t = CliTest.run("train", "--arch", "topk", "--data", acts.toString(), "--width", "32", "--k", "4",
                "--epochs", "1", "--batch-size", "64", "-q", "-o", sae.toString());
        assertEquals(0, t.code(), t.err());
        Path site = dir.resolve("site");
        CliTest.Run b = CliTest.run("browse", "--model", sae.toString(), "--data", acts.toString(), "--out", site.toString(),
                "--documents", "3");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().startsWith("Scanned 2,000 tokens with 32 latents"), b.out());
        assertTrue(Files.isRegularFile(site.resolve("index.html")));
        try (var docs = Files.list(site.resolve("docs"))) {
            assertEquals(3, docs.count());
        }
        String index = Files.readString(site.resolve("data/index.js"));
        assertTrue(index.contains("\" Paris\"") || index.contains("\" cat\""), "token texts decoded from byte-level BPE");
        // Again over the same folder: the earlier site is replaced.
        assertEquals(0, CliTest.run("browse", "-m", sae.toString(), "--data", acts.toString(), "-o", site.toString(),
                "--top", "5").code());
        assertTrue(Files.readString(site.resolve("latents/0.html")).contains("Top 5 examples")
                || Files.readString(site.resolve("index.html")).contains("dead"));

        Path np = dir.resolve("np");
        CliTest.Run e = CliTest.run("export", "--format", "neuronpedia", "--model", sae.toString(), "--data", acts.toString(),
                "--model-id", "toy-lm", "--out", np.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(Files.readString(np.resolve("batch-0.json")).startsWith("{\"model_id\":\"toy-lm\",\"layer\":0"));
        assertTrue(Files.isRegularFile(np.resolve("skipped_indexes.json")));
        var feature = new com.fasterxml.jackson.databind.ObjectMapper().readTree(np.resolve("batch-0.json").toFile())
                .get("features").get(0);
        assertEquals(3, feature.get("correlated_neurons_indices").size(), "the command fills the correlations");
        assertEquals(3, feature.get("correlated_neurons_pearson").size());
    }

    /** A transcoder's latents read the inputs, so its pages show input-side examples exactly as an SAE's do. */
    @Test
    void aTranscoderBrowsesLikeAnSae(@TempDir Path dir) throws Exception {
        Path acts = store(dir);
        Path in = acts.resolve("shard-00000.safetensors");
        float[] x = new float[1000 * 16];
        try (org.sae4j.data.Shards s = org.sae4j.data.Shards.open(acts.toString())) {
            s.read(0, 1000, x, 0);
        }
        float[] y = new float[1000 * 8];
        for (int r = 0; r < 1000; r++) {
            for (int j = 0; j < 8; j++) {
                y[r * 8 + j] = Math.max(0f, x[r * 16 + j] + x[r * 16 + j + 8]); // a sparse-ish function of the input
            }
        }
        Path target = dir.resolve("y.npy");
        org.sae4j.io.NpyWriter.write(target, new org.sae4j.data.Dataset("y", y, 1000, 8));
        Path tc = dir.resolve("tc.safetensors");
        CliTest.Run t = CliTest.run("train", "--arch", "topk", "--data", in + ":activations", "--target-data",
                target.toString(), "--skip", "--width", "32", "--k", "4", "--epochs", "2", "--batch-size", "64", "-q",
                "-o", tc.toString());
        assertEquals(0, t.code(), t.err());
        Path site = dir.resolve("site");
        CliTest.Run b = CliTest.run("browse", "--model", tc.toString(), "--data", acts.toString(), "--out", site.toString(),
                "--documents", "2");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().startsWith("Scanned 2,000 tokens with 32 latents"), b.out());
        assertTrue(Files.isRegularFile(site.resolve("latents/0.html")) || Files.readString(site.resolve("index.html"))
                .contains("dead"));
    }

    @Test
    void imagesAndBadInput(@TempDir Path dir) throws Exception {
        Path sae = dir.resolve("sae.safetensors");
        assertEquals(0, CliTest.run("train", "--arch", "topk", "--width", "32", "--k", "4", "--limit", "400", "--epochs", "1",
                "-q", "-o", sae.toString()).code());
        Path site = dir.resolve("img");
        CliTest.Run b = CliTest.run("browse", "-m", sae.toString(), "--limit", "200", "-o", site.toString(), "--top", "6");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("Scanned 200 rows"), b.out());
        try (var pngs = Files.list(site.resolve("latents"))) {
            assertTrue(pngs.anyMatch(p -> p.toString().endsWith("-top.png")), "image inputs get tiles");
        }

        CliTest.run("browse", "-m", sae.toString(), "--top", "0").assertUserError("--top is 0");
        CliTest.run("browse", "-m", sae.toString(), "--window", "999").assertUserError("--window is 999");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliTest.run("browse", "-m", sae.toString(), "--limit", "50", "-o", file.toString()).assertUserError("is a file");
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("mine.txt"), "keep me");
        CliTest.run("browse", "-m", sae.toString(), "--limit", "50", "-o", busy.toString()).assertUserError("holds other files");
        assertTrue(Files.exists(busy.resolve("mine.txt")));
        CliTest.run("browse", "-m", sae.toString(), "--unembed", dir.resolve("none.npy").toString()).assertUserError("none.npy");
        CliTest.run("export", "--format", "neuronpedia", "-m", sae.toString(), "-o", dir.resolve("np").toString())
                .assertUserError("--data");
        Path ae = dir.resolve("ae.safetensors");
        assertEquals(0, CliTest.run("train", "--limit", "300", "--epochs", "1", "-q", "-o", ae.toString()).code());
        CliTest.run("browse", "-m", ae.toString(), "--limit", "50").assertUserError("dictionary-learning SAEs");
    }
}
