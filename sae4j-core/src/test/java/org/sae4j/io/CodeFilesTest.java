package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Rng;
import org.sae4j.tensor.SparseCode;

/**
 * Codes written by {@link CodeFiles} and read back from their raw bytes equal the model's dense encode, for
 * every architecture, in .safetensors and .npz; numpy and scipy read the files where Python has them; a
 * failed write leaves neither the output nor its temporary arrays behind.
 */
class CodeFilesTest {
    private static final int D = 10;
    private static final int WIDTH = 48;
    private static final int ROWS = Model.INFERENCE_BATCH + 300;

    @TempDir
    Path dir;

    /** A small model of the architecture with weights perturbed off their initialisation (a trained look). */
    static SparseAutoencoder model(Architecture a) {
        SaeBuilder b = SaeBuilder.of(a, D).width(WIDTH).seed(3);
        switch (a) {
            case TOPK, BATCHTOPK -> b.k(5);
            case MATRYOSHKA -> b.k(5).groups(16, 32);
            case JUMPRELU -> b.bandwidth(0.05).initialThreshold(0.2);
            default -> { }
        }
        SparseAutoencoder m = b.build();
        Rng rng = new Rng(9);
        for (Parameter p : m.parameters()) {
            if (!p.name().equals("log_threshold")) {
                for (int i = 0; i < p.size(); i++) {
                    p.value()[i] += (float) (0.2 * rng.gaussian());
                }
            }
        }
        if (a == Architecture.BATCHTOPK || a == Architecture.MATRYOSHKA) {
            m.setBuffer("threshold", new float[] {0.3f});
        }
        return m;
    }

    static Dataset data(int rows) {
        Rng rng = new Rng(4);
        float[] x = new float[rows * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.gaussian();
        }
        return new Dataset("x", x, rows, D);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void sparseFilesReadBackAsTheDenseEncode(Architecture a) throws IOException {
        SparseAutoencoder m = model(a);
        Dataset x = data(ROWS);
        SparseCode expected = SparseCode.fromDense(m.encode(x).values(), ROWS, WIDTH);
        assertTrue(expected.size() > 0 && expected.size() < ROWS * WIDTH / 2, a + ": " + expected.size());
        for (String name : List.of("codes.safetensors", "codes.npz")) {
            Path out = dir.resolve(name);
            CodeFiles.Written w = CodeFiles.writeSparse(out, WIDTH, m.encodeSparse(x));
            assertEquals(new CodeFiles.Written(ROWS, expected.size()), w);
            CodeFileReader.Codes back = CodeFileReader.read(out);
            assertCode(expected, back.code());
        }
        CodeFileReader.Codes st = CodeFileReader.read(dir.resolve("codes.safetensors"));
        assertEquals(java.util.Map.of("format", "sae4j-sparse-codes", "rows", "" + ROWS, "latents", "" + WIDTH),
                st.metadata());
        assertEquals(List.of("indptr", "indices", "values"), List.copyOf(st.arrays().keySet()));
        assertEquals("I64", st.arrays().get("indptr").dtype());
        assertArrayEquals(new long[] {ROWS + 1}, st.arrays().get("indptr").shape());
        assertEquals("I32", st.arrays().get("indices").dtype());
        assertEquals("F32", st.arrays().get("values").dtype());
        CodeFileReader.Codes npz = CodeFileReader.read(dir.resolve("codes.npz"));
        assertEquals(List.of("indices", "indptr", "format", "shape", "data"), List.copyOf(npz.arrays().keySet()));
        assertEquals("<i4", npz.arrays().get("indices").dtype());
        assertEquals("<i8", npz.arrays().get("indptr").dtype());
        assertEquals("<f4", npz.arrays().get("data").dtype());
        assertEquals("|S3", npz.arrays().get("format").dtype());
        assertOnlyOutputsIn(dir, "codes.safetensors", "codes.npz");
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"TOPK", "JUMPRELU"})
    void denseSafeTensorsHoldEveryValue(Architecture a) throws IOException {
        SparseAutoencoder m = model(a);
        Dataset x = data(ROWS);
        Dataset dense = m.encode(x);
        Path out = dir.resolve("dense.safetensors");
        CodeFiles.Written w = CodeFiles.writeDense(out, ROWS, WIDTH, m.encodeSparse(x));
        CodeFileReader.Codes back = CodeFileReader.read(out);
        assertEquals("sae4j-dense-codes", back.metadata().get("format"));
        assertArrayEquals(new long[] {ROWS, WIDTH}, back.arrays().get("codes").shape());
        assertArrayEquals(dense.values(), back.code().toDense());
        assertEquals(ROWS, w.rows());
        // It is a plain safetensors file for sae4j's own reader too.
        assertArrayEquals(dense.values(), SafeTensors.read(out).tensors().get("codes").data());
    }

    @Test
    void sameCodesSameBytesAndNoRowsIsAFile() throws IOException {
        SparseAutoencoder m = model(Architecture.TOPK);
        for (String ext : List.of(".safetensors", ".npz")) {
            Path one = dir.resolve("a" + ext);
            Path two = dir.resolve("b" + ext);
            CodeFiles.writeSparse(one, WIDTH, m.encodeSparse(data(100)));
            CodeFiles.writeSparse(two, WIDTH, m.encodeSparse(data(100)));
            assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), ext);
            Path empty = dir.resolve("empty" + ext);
            assertEquals(new CodeFiles.Written(0, 0), CodeFiles.writeSparse(empty, WIDTH, List.of()));
            SparseCode none = CodeFileReader.read(empty).code();
            assertEquals(0, none.rows());
            assertEquals(WIDTH, none.width());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryArrays() throws IOException {
        SparseAutoencoder m = model(Architecture.TOPK);
        Path out = dir.resolve("codes.safetensors");
        Files.writeString(out, "old");
        Iterator<SparseCode> good = m.encodeSparse(data(ROWS)).iterator();
        Iterable<SparseCode> failing = () -> new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SparseCode next() {
                if (given++ == 1) {
                    throw new InvalidInputException("encoding failed");
                }
                return good.next();
            }
        };
        assertThrows(InvalidInputException.class, () -> CodeFiles.writeSparse(out, WIDTH, failing));
        assertEquals("old", Files.readString(out));
        assertOnlyOutputsIn(dir, "codes.safetensors");
        Path folder = dir.resolve("taken.npz");
        Files.createDirectories(folder);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CodeFiles.writeSparse(folder, WIDTH, m.encodeSparse(data(10))));
        assertTrue(e.getMessage().startsWith("File '" + folder + "' could not be written"), e.getMessage());
        assertOnlyOutputsIn(dir, "codes.safetensors", "taken.npz");
    }

    /** numpy reads the .npz and the .safetensors' raw arrays, and scipy's load_npz the .npz, as the same matrix. */
    @Test
    void numpyAndScipyReadTheFiles() throws Exception {
        assumeTrue(python("import numpy") == 0, "python3 with numpy is not installed");
        SparseAutoencoder m = model(Architecture.MATRYOSHKA);
        Dataset x = data(ROWS);
        Dataset dense = m.encode(x);
        CodeFiles.writeSparse(dir.resolve("codes.npz"), WIDTH, m.encodeSparse(x));
        CodeFiles.writeSparse(dir.resolve("codes.safetensors"), WIDTH, m.encodeSparse(x));
        NpyWriter.write(dir.resolve("dense.npy"), dense);
        String script = String.join("\n",
                "import json, struct, sys, numpy as np",
                "d = sys.argv[1]",
                "dense = np.load(d + '/dense.npy')",
                "z = np.load(d + '/codes.npz')",
                "assert sorted(z.files) == ['data', 'format', 'indices', 'indptr', 'shape'], z.files",
                "assert z['format'].item() == b'csr' and tuple(z['shape']) == dense.shape",
                "def todense(indptr, indices, values, shape):",
                "    out = np.zeros(shape, np.float32)",
                "    rows = np.repeat(np.arange(shape[0]), np.diff(indptr))",
                "    out[rows, indices] = values",
                "    return out",
                "assert np.array_equal(todense(z['indptr'], z['indices'], z['data'], dense.shape), dense)",
                "raw = open(d + '/codes.safetensors', 'rb').read()",
                "n = struct.unpack('<Q', raw[:8])[0]",
                "h = json.loads(raw[8:8 + n])",
                "assert h['__metadata__'] == {'format': 'sae4j-sparse-codes', 'rows': str(dense.shape[0]),"
                        + " 'latents': str(dense.shape[1])}, h['__metadata__']",
                "t = {k: np.frombuffer(raw[8 + n + v['data_offsets'][0]:8 + n + v['data_offsets'][1]],"
                        + " {'I64': '<i8', 'I32': '<i4', 'F32': '<f4'}[v['dtype']]) for k, v in h.items()"
                        + " if k != '__metadata__'}",
                "assert np.array_equal(todense(t['indptr'], t['indices'], t['values'], dense.shape), dense)",
                "try:",
                "    import scipy.sparse",
                "except ImportError:",
                "    sys.exit(0)",
                "s = scipy.sparse.load_npz(d + '/codes.npz')",
                "assert s.shape == dense.shape and np.array_equal(s.toarray(), dense)",
                "c = scipy.sparse.csr_matrix((t['values'], t['indices'], t['indptr']), shape=dense.shape)",
                "assert np.array_equal(c.toarray(), dense)",
                "print('ok')");
        Path py = dir.resolve("check.py");
        Files.writeString(py, script);
        assertEquals(0, python(py.toString(), dir.toString()), "numpy/scipy check failed");
    }

    /** Runs python3 -c CODE, or python3 FILE ARGS; the exit code, or -1 when python3 cannot be started. */
    private static int python(String... args) throws InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3"));
        if (args.length == 1 && !args[0].endsWith(".py")) {
            cmd.add("-c");
        }
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void assertCode(SparseCode expected, SparseCode actual) {
        assertEquals(expected.rows(), actual.rows());
        assertArrayEquals(expected.rowStart(), actual.rowStart());
        assertArrayEquals(expected.index(), actual.index());
        assertArrayEquals(expected.value(), actual.value());
    }

    /** Nothing else in the folder: no temp files or spilled arrays left behind. */
    private static void assertOnlyOutputsIn(Path dir, String... names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(java.util.Set.of(names), s.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }
}
