package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.io.ModelFile;
import org.sae4j.io.NpyWriter;
import org.sae4j.model.Model;

/**
 * A transcoder trained from two folders of shards (as two stores of one capture are): the pairs stream and shuffle
 * together, and the model learns the targets; rows that do not line up are one sentence.
 */
class TranscoderStreamTest {
    private static final int DX = 12;
    private static final int DY = 6;

    /** Three shards of inputs and of targets y = relu(x[0..6) - x[6..12)) + 0.5 x[0..6): row i of one is row i of the other. */
    private static void shards(Path xs, Path ys, int shardRows) throws Exception {
        Files.createDirectories(xs);
        Files.createDirectories(ys);
        SplittableRandom r = new SplittableRandom(4);
        for (int s = 0; s < 3; s++) {
            float[] x = new float[shardRows * DX];
            float[] y = new float[shardRows * DY];
            for (int i = 0; i < shardRows; i++) {
                for (int j = 0; j < DX; j++) {
                    x[i * DX + j] = r.nextDouble() < 0.3 ? (float) r.nextDouble() * 2 : 0f;
                }
                for (int j = 0; j < DY; j++) {
                    float a = x[i * DX + j];
                    y[i * DY + j] = Math.max(0f, a - x[i * DX + j + DY]) + 0.5f * a;
                }
            }
            NpyWriter.write(xs.resolve("part-" + s + ".npy"), x, shardRows, DX);
            NpyWriter.write(ys.resolve("part-" + s + ".npy"), y, shardRows, DY);
        }
    }

    @Test
    void aTranscoderTrainsFromTwoFoldersOfShards(@TempDir Path dir) throws Exception {
        Path xs = dir.resolve("in");
        Path ys = dir.resolve("out");
        shards(xs, ys, 2000);
        Path model = dir.resolve("tc.safetensors");
        CliTest.Run t = CliTest.run("train", "--arch", "topk", "--data", xs.toString(), "--target-data", ys.toString(),
                "--skip", "--width", "48", "--k", "6", "--epochs", "6", "--batch-size", "128", "--scale", "none", "-q",
                "-o", model.toString());
        assertEquals(0, t.code(), t.err());
        Model m = ModelFile.load(model);
        assertEquals(DX, m.inputSize());
        assertEquals(DY, m.targetSize());
        CliTest.Run e = CliTest.run("eval", "--model", model.toString(), "--data", xs.toString(), "--target-data",
                ys.toString(), "--held-out", "--json");
        assertEquals(0, e.code(), e.err());
        double fvu = Double.parseDouble(e.out().replaceAll("(?s).*\"fvu\"\\s*:\\s*([-0-9.eE]+).*", "$1"));
        assertTrue(fvu < 0.5, "held-out fvu " + fvu + " of " + e.out());
    }

    @Test
    void misalignedFoldersAreOneSentence(@TempDir Path dir) throws Exception {
        Path xs = dir.resolve("in");
        Path ys = dir.resolve("out");
        shards(xs, ys, 500);
        Files.delete(ys.resolve("part-2.npy"));
        CliTest.Run t = CliTest.run("train", "--arch", "topk", "--data", xs.toString(), "--target-data", ys.toString(),
                "--width", "16", "--k", "2", "--epochs", "1", "-q", "-o", dir.resolve("m.safetensors").toString());
        assertEquals(1, t.code());
        assertTrue(t.err().contains("1,500 rows") && t.err().contains("1,000") && t.err().contains("one target row"),
                t.err());
        assertEquals(1, t.err().lines().filter(l -> !l.contains("incubator")).count(), t.err());
    }
}
