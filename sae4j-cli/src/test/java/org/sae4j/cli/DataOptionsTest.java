package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.Shards;
import org.sae4j.data.TestShards;
import org.sae4j.io.ModelLoader;
import org.sae4j.io.NpyWriter;
import org.sae4j.model.Model;

/**
 * Issue 18, defect 8: eval, encode, report, export and bench take the shard folder train took (a folder, a bracket
 * glob, {@code dir/:NAME}), streamed where one pass does, with train's held-out slice behind --held-out; they used
 * to refuse it ({@code File 'acts' is a directory}).
 */
class DataOptionsTest {
    static final int COLS = 38;
    static final int[] ROWS = {1_530, 2_207, 911, 1_748, 604}; // 7,000 rows; train holds out the last 700
    @TempDir
    static Path dir;
    static Path acts;
    static Path model;

    @BeforeAll
    static void trainOnAFolder() throws Exception {
        acts = dir.resolve("acts");
        Files.createDirectories(acts);
        for (int s = 0; s < ROWS.length; s++) {
            Path f = acts.resolve("shard-0" + s + (s == 2 ? ".safetensors" : ".npy"));
            if (s == 2) {
                TestShards.writeBf16(f, ROWS[s], COLS, 0.45, 70 + s);
            } else {
                TestShards.write(f, ROWS[s], COLS, 70 + s);
            }
        }
        model = dir.resolve("m.safetensors");
        CliTest.Run r = CliTest.run("train", "--arch", "topk", "--width", "56", "--k", "5", "--data", acts.toString(),
                "--samples", "14k", "--batch-size", "100", "--scale", "standardize", "-q", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** Rows [from, to) of the folder, as one in-memory table written to a small .npy. */
    private static Path copyOfRows(long from, int rows, String name) throws Exception {
        float[] v = new float[rows * COLS];
        try (Shards s = Shards.open(acts.toString())) {
            s.read(from, rows, v, 0);
        }
        Path f = dir.resolve(name);
        NpyWriter.write(f, v, rows, COLS);
        return f;
    }

    private static JsonNode evalJson(String... data) throws Exception {
        String[] args = new String[data.length + 4];
        System.arraycopy(new String[] {"eval", "--model", model.toString(), "--json"}, 0, args, 0, 4);
        System.arraycopy(data, 0, args, 4, data.length);
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void evalStreamsTheFolderAndScoresTrainsHeldOutRows() throws Exception {
        JsonNode held = evalJson("--data", acts.toString(), "--held-out");
        assertEquals(700, held.get("samples").asInt());
        JsonNode same = evalJson("--data", copyOfRows(6_300, 700, "held.npy").toString());
        for (String figure : List.of("mse", "fvu", "l0", "cosine_similarity", "dead_fraction")) {
            assertEquals(same.get(figure).asDouble(), held.get(figure).asDouble(), 0.0, figure);
        }
        assertEquals(7_000, evalJson("--data", acts.toString()).get("samples").asInt());
        assertEquals(1_530 + 2_207 + 911 + 1_748, evalJson("--data", acts + "/shard-0[0-3]*").get("samples").asInt());
        assertEquals(1_234, evalJson("--data", acts + "/:acts", "--limit", "1234").get("samples").asInt());
        // --limit first, then train's split of those rows: the last 10% of 2,000.
        assertEquals(200, evalJson("--data", acts.toString(), "--limit", "2000", "--held-out").get("samples").asInt());
    }

    @Test
    void encodeStreamsTheCodesOfEveryRow() throws Exception {
        Path codes = dir.resolve("codes.npy");
        CliTest.Run r = CliTest.run("encode", "--model", model.toString(), "--data", acts.toString(), "-o", codes.toString());
        assertEquals(0, r.code(), r.err());
        Model m = ModelLoader.load(model);
        Dataset expected = m.encode(NpyReader.read(copyOfRows(0, 7_000, "all.npy")));
        assertArrayEquals(expected.values(), NpyReader.read(codes).values());
        Path csv = dir.resolve("held.csv");
        r = CliTest.run("encode", "-m", model.toString(), "--data", acts + "/shard-0[3-4].npy", "--held-out", "-o", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 235, Files.readAllLines(csv).size(), "a header and the last 10% of 2,352 rows");
    }

    @Test
    void reportExportAndBenchTakeTheFolderToo() throws Exception {
        Path report = dir.resolve("report");
        CliTest.Run r = CliTest.run("report", "-m", model.toString(), "--data", acts.toString(), "--held-out", "--latents",
                "4", "--top", "3", "-o", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(report.resolve("index.html")).contains("(held out)"));

        Path export = dir.resolve("saelens");
        r = CliTest.run("export", "-m", model.toString(), "--data", acts + "/:acts", "--held-out", "0.25", "-o", export.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(export.resolve("sparsity.safetensors")));

        r = CliTest.run("bench", "--arch", "topk", "--width", "24", "--k", "3", "--data", acts + "/shard-0[0-1]*",
                "--batch-size", "64", "--warmup", "0", "--seconds", "0.3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("shard-0[0-1]*") && r.out().contains("samples/s"), r.out());
    }

    @Test
    void badSelectionsAreOneSentence() {
        CliTest.run("eval", "-m", model.toString(), "--data", acts.toString(), "--held-out", "1.5")
                .assertUserError("--held-out is 1.5");
        CliTest.run("eval", "-m", model.toString(), "--data", acts.toString(), "--limit", "5", "--held-out")
                .assertUserError("holds out none");
        CliTest.run("encode", "-m", model.toString(), "--data", acts + "/nothing-[7-9]*", "-o", dir.resolve("x.npy").toString())
                .assertUserError("No .npy or .safetensors files match");
        CliTest.run("export", "-m", model.toString(), "--held-out", "-o", dir.resolve("e").toString())
                .assertUserError("--held-out selects rows of --data");
    }
}
