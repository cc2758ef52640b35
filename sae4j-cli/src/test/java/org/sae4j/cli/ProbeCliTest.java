package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.DataSources;
import org.sae4j.data.Labels;

/** {@code eval}'s probes on labelled data and {@code encode --labels}, with a small TopK SAE on embedded images. */
class ProbeCliTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("topk.safetensors");
        CliTest.Run run = CliTest.run("train", "--arch", "topk", "--width", "128", "--k", "16", "--limit", "3000",
                "--epochs", "2", "-q", "-o", model.toString());
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void evalProbesLatentsBesideRawInputsInTextAndJson() throws Exception {
        CliTest.Run text = CliTest.run("eval", "-m", model.toString());
        assertEquals(0, text.code(), text.err());
        for (String line : List.of("probe accuracy (logistic regression, 10 classes; trained on 800 rows, tested on 200",
                "all latents", "raw inputs", "top-1 latents", "top-5 inputs")) {
            assertTrue(text.out().contains(line), line + " missing:\n" + text.out());
        }
        CliTest.Run json = CliTest.run("eval", "-m", model.toString(), "--json");
        JsonNode p = new ObjectMapper().readTree(json.out()).get("probe");
        // Ten balanced classes: chance is 0.1; a linear probe on Fashion-MNIST does far better on either.
        assertTrue(p.get("latent_accuracy").asDouble() > 0.6, p.toString());
        assertTrue(p.get("raw_accuracy").asDouble() > 0.6, p.toString());
        assertEquals(3, p.get("sparse").size());
        assertEquals(5, p.get("top_latents").size());
        assertEquals(json.out(), CliTest.run("eval", "-m", model.toString(), "--json").out(), "same seed, same bytes");
        assertFalse(CliTest.run("eval", "-m", model.toString(), "--json", "--no-probe").out().contains("\"probe\""));
    }

    @Test
    void labelsFromAFileAndTheirErrors() throws Exception {
        // The held-out images' labels as a .npy, via encode --labels; eval then reads them back with --labels FILE.
        Path codes = dir.resolve("codes.npy");
        CliTest.Run enc = CliTest.run("encode", "-m", model.toString(), "--data", "embedded-held-out", "--labels",
                "--out", codes.toString());
        assertEquals(0, enc.code(), enc.err());
        Path labels = dir.resolve("codes.labels.npy");
        int[] expected = DataSources.resolve(DataSources.EMBEDDED_HELD_OUT).labels();
        assertArrayEquals(expected, Labels.read(labels));
        CliTest.Run viaFile = CliTest.run("eval", "-m", model.toString(), "--labels", labels.toString(), "--json");
        assertEquals(0, viaFile.code(), viaFile.err());
        assertEquals(CliTest.run("eval", "-m", model.toString(), "--json").out(), viaFile.out());

        CliTest.run("eval", "-m", model.toString(), "--data", "embedded", "--labels", labels.toString())
                .assertUserError("holds 1000 labels but data 'embedded' holds 10000 samples");
        CliTest.run("encode", "-m", model.toString(), "--data", codes.toString(), "--labels",
                "--out", dir.resolve("x.npy").toString()).assertUserError("has no labels of its own");
        CliTest.run("eval", "-m", model.toString(), "--probe-train-fraction", "1").assertUserError("--probe-train-fraction");
        CliTest.run("eval", "-m", model.toString(), "--labels", dir.resolve("missing.npy").toString())
                .assertUserError("does not exist");
    }

    @Test
    void encodeWritesALabelColumnToCsv() throws Exception {
        Path csv = dir.resolve("codes.csv");
        CliTest.Run enc = CliTest.run("encode", "-m", model.toString(), "--limit", "20", "--labels", "--out", csv.toString());
        assertEquals(0, enc.code(), enc.err());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).endsWith(",label"), lines.get(0));
        int[] expected = Arrays.copyOf(DataSources.resolve("embedded").labels(), 20);
        for (int r = 0; r < 20; r++) {
            String[] cells = lines.get(r + 1).split(",");
            assertEquals(expected[r], (int) Float.parseFloat(cells[cells.length - 1]));
            assertEquals(129, cells.length);
        }
    }
}
