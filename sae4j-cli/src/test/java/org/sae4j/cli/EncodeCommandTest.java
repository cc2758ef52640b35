package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.TestShards;
import org.sae4j.io.CodeFileReader;
import org.sae4j.io.ModelFile;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.tensor.SparseCode;

/**
 * {@code sae4j encode} to sparse and dense files of arrays: the codes read back equal the dense .npy of the
 * same model, the format follows the model and the flags, labels go beside them, bad combinations are one
 * sentence, and a k-sparse encode streams rows whose dense codes would not fit the heap.
 */
class EncodeCommandTest {
    @TempDir
    static Path dir;
    static Path topk;
    static Path deep;

    @BeforeAll
    static void train() {
        topk = dir.resolve("topk.safetensors");
        assertEquals(0, CliTest.run("train", "--arch", "topk", "--width", "96", "--k", "8", "--limit", "1500",
                "--epochs", "1", "-q", "-o", topk.toString()).code());
        deep = dir.resolve("deep.safetensors");
        assertEquals(0, CliTest.run("train", "--encoder", "32,16", "--limit", "600", "--epochs", "1", "-q", "-o",
                deep.toString()).code());
    }

    /** The model's dense codes of the first {@code n} embedded images, as {@code encode} writes them to .npy. */
    private static Dataset denseCodes(Path model, int n) {
        Path npy = dir.resolve(model.getFileName() + ".dense.npy");
        assertEquals(0, CliTest.run("encode", "-m", model.toString(), "--limit", "" + n, "-o", npy.toString()).code());
        return NpyReader.read(npy);
    }

    @Test
    void sparseFilesHoldTheDenseCodesNonZeros() throws Exception {
        Dataset dense = denseCodes(topk, 1300);
        SparseCode expected = SparseCode.fromDense(dense.values(), dense.rows(), dense.cols());
        for (String args : new String[] {"codes.safetensors", "codes.safetensors --sparse", "codes.npz",
                "codes.npz --sparse"}) {
            String[] a = args.split(" ");
            Path out = dir.resolve(a[0]);
            CliTest.Run r = a.length == 1 ? CliTest.run("encode", "-m", topk.toString(), "--limit", "1300", "-o",
                    out.toString()) : CliTest.run("encode", "-m", topk.toString(), "--limit", "1300", "-o",
                    out.toString(), a[1]);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Wrote 1300 sparse codes of 96 units ("), r.out());
            CodeFileReader.Codes back = CodeFileReader.read(out);
            assertArrayEquals(expected.rowStart(), back.code().rowStart(), args);
            assertArrayEquals(expected.index(), back.code().index(), args);
            assertArrayEquals(expected.value(), back.code().value(), args);
            assertTrue(expected.size() <= 8 * 1300);
        }
        assertEquals("sae4j-sparse-codes", CodeFileReader.read(dir.resolve("codes.safetensors")).metadata().get("format"));
    }

    @Test
    void denseSafeTensorsForOtherModelsOrWhenAskedAndSparseWhenAsked() throws Exception {
        Dataset dense = denseCodes(deep, 200);
        Path plain = dir.resolve("deep.codes.safetensors");
        CliTest.Run r = CliTest.run("encode", "-m", deep.toString(), "--limit", "200", "-o", plain.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Wrote 200 dense codes of 16 units"), r.out());
        CodeFileReader.Codes back = CodeFileReader.read(plain);
        assertEquals("sae4j-dense-codes", back.metadata().get("format"));
        assertArrayEquals(dense.values(), back.code().toDense());

        Path asked = dir.resolve("deep.sparse.safetensors");
        assertEquals(0, CliTest.run("encode", "-m", deep.toString(), "--limit", "200", "--sparse", "-o",
                asked.toString()).code());
        assertEquals("sae4j-sparse-codes", CodeFileReader.read(asked).metadata().get("format"));
        assertArrayEquals(dense.values(), CodeFileReader.read(asked).code().toDense());

        Path noSparse = dir.resolve("topk.dense.safetensors");
        assertEquals(0, CliTest.run("encode", "-m", topk.toString(), "--limit", "50", "--no-sparse", "-o",
                noSparse.toString()).code());
        assertEquals("sae4j-dense-codes", CodeFileReader.read(noSparse).metadata().get("format"));
    }

    @Test
    void labelsGoBesideSparseCodes() throws Exception {
        Path out = dir.resolve("labelled.npz");
        CliTest.Run r = CliTest.run("encode", "-m", topk.toString(), "--limit", "40", "--labels", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        Path labels = dir.resolve("labelled.labels.npy");
        assertTrue(r.out().contains("and their labels to " + labels), r.out());
        Dataset y = NpyReader.read(labels);
        assertEquals(40, y.rows());
        assertArrayEquals(org.sae4j.data.DataSources.resolve("embedded").limit(40).labels(),
                java.util.Arrays.stream(toDoubles(y.values())).mapToInt(v -> (int) v).toArray());
        assertEquals(40, CodeFileReader.read(out).code().rows());
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void badCombinationsAreOneSentence() {
        CliTest.run("encode", "-m", topk.toString(), "--sparse", "-o", dir.resolve("c.csv").toString())
                .assertUserError("--sparse", "'" + dir.resolve("c.csv") + "'", ".csv", "expected", ".safetensors or .npz");
        CliTest.run("encode", "-m", topk.toString(), "--sparse", "-o", dir.resolve("c.npy").toString())
                .assertUserError("--sparse", ".npy", "expected");
        CliTest.run("encode", "-m", topk.toString(), "--no-sparse", "-o", dir.resolve("c.npz").toString())
                .assertUserError("--no-sparse", "c.npz", "expected", ".safetensors");
        CliTest.run("encode", "-m", topk.toString(), "-o", dir.resolve("c.mtx").toString())
                .assertUserError("c.mtx", ".npz", ".safetensors");
        CliTest.run("encode", "-m", topk.toString(), "--data", dir.resolve("missing.npy").toString(), "-o",
                dir.resolve("never.npz").toString()).assertUserError("missing.npy");
        assertFalse(Files.exists(dir.resolve("c.csv")) || Files.exists(dir.resolve("never.npz")));
    }

    /**
     * 250,000 rows into 512 latents are 512 MB of dense codes: a 64 MB heap refuses them in one sentence,
     * and streams the same rows' top-4 codes (10 MB on disk) to .safetensors.
     */
    @Test
    void aKSparseEncodeOfManyRowsFitsASmallHeap() throws Exception {
        int rows = 250_000;
        Path data = dir.resolve("acts.npy");
        TestShards.write(data, rows, 8, 5);
        Path model = dir.resolve("wide.safetensors");
        ModelFile.save(SaeBuilder.of(Architecture.TOPK, 8).width(512).k(4).seed(2).build(), model);

        ChildJvm.Result dense = ChildJvm.sae4j("64m", "encode", "-m", model.toString(), "--data", data.toString(),
                "-o", dir.resolve("big.npy").toString());
        assertEquals(Main.USER_ERROR, dense.code(), dense.output());
        assertTrue(dense.output().startsWith("Error: Encoding 250000 samples into dense codes of 512 units"
                + " (--sparse streams them to .safetensors or .npz instead) needs 512 MB of memory"), dense.output());
        assertFalse(dense.output().contains("\tat "), dense.output());

        Path out = dir.resolve("big.safetensors");
        ChildJvm.Result sparse = ChildJvm.sae4j("64m", "encode", "-m", model.toString(), "--data", data.toString(),
                "-o", out.toString());
        assertEquals(0, sparse.code(), sparse.output());
        assertTrue(sparse.output().contains("Wrote 250000 sparse codes of 512 units"), sparse.output());
        CodeFileReader.Codes back = CodeFileReader.read(out);
        assertEquals(rows, back.code().rows());
        assertTrue(back.code().size() <= 4L * rows && back.code().size() > 0, "" + back.code().size());
        assertTrue(Files.size(out) < 12_000_000L, "" + Files.size(out));
        try (var files = Files.list(dir)) {
            assertNull(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).findAny().orElse(null));
        }
    }
}
