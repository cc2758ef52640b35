package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sae4j.io.interchange.Craft.userError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GemmaScopeReaderTest {
    @TempDir
    Path dir;

    // The arrays the committed fixtures hold; numpy 2.4 wrote them with np.savez / np.savez_compressed.
    private static float[] wEnc() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = (i - 5f) / 4f;
        }
        return v;
    }

    private static float[] wDec() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = (i + 1f) / 10f;
        }
        return v;
    }

    private Path fixture(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name.replace(".npz", "")));
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, d.resolve("params.npz"));
        }
        return d;
    }

    @Test
    void readsParamsWrittenByNumpySavez() throws IOException {
        for (String name : new String[] {"gemma-scope-params.npz", "gemma-scope-params-compressed.npz"}) {
            Path d = fixture(name);
            ExternalSae s = ExternalSaes.read(d); // the directory holding params.npz
            assertEquals("jumprelu", s.architecture(), name);
            assertEquals(3, s.dIn());
            assertEquals(4, s.dSae());
            assertArrayEquals(wEnc(), s.wEnc(), name);
            assertArrayEquals(wDec(), s.wDec(), name); // the compressed one spells them w_enc, w_dec
            assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f, -0.4f}, s.bEnc());
            assertArrayEquals(new float[] {0.5f, 0f, -0.5f}, s.bDec());
            assertArrayEquals(new float[] {0.05f, 0.1f, 0.15f, 0.2f}, s.threshold());
            assertFalse(s.applyBDecToInput(), "Gemma Scope encodes x, not x - b_dec");
            assertArrayEquals(wEnc(), ExternalSaes.read(d.resolve("params.npz")).wEnc(), "the file path works too");
        }
    }

    /** .npy bytes of a little-endian float32 array with the given shape (as numpy writes the header). */
    private static byte[] npy(String shape, float... values) {
        byte[] dict = ("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) dict.length).put(dict);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private Path npz(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static Map<String, byte[]> valid() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("W_enc.npy", npy("(1, 2)", 1f, 2f));
        m.put("W_dec.npy", npy("(2, 1)", 3f, 4f));
        m.put("b_enc.npy", npy("(2,)", 0f, 0f));
        m.put("b_dec.npy", npy("(1,)", 0.5f));
        m.put("threshold.npy", npy("(2,)", 0.25f, 0.5f));
        return m;
    }

    @Test
    void readsAnNpzBuiltInTheTestAndFoldsScalingFactor() throws IOException {
        Map<String, byte[]> m = valid();
        m.put("scaling_factor.npy", npy("(2,)", 2f, 0.5f));
        m.put("unrelated.npy", npy("(1,)", 9f));
        ExternalSae s = ExternalSaes.read(npz("built.npz", m));
        assertArrayEquals(new float[] {1f, 2f}, s.wEnc());
        assertArrayEquals(new float[] {6f, 2f}, s.wDec());
        assertArrayEquals(new float[] {0.25f, 0.5f}, s.threshold());
    }

    @Test
    void malformedNpzGivesOneSentenceNamingFileAndArray() throws IOException {
        Map<String, byte[]> missing = valid();
        missing.remove("threshold.npy");
        Path a = npz("missing.npz", missing);
        userError(() -> ExternalSaes.read(a), a.toString(), "'threshold'");

        Map<String, byte[]> shape = valid();
        shape.put("W_dec.npy", npy("(1, 2)", 3f, 4f));
        Path b = npz("shape.npz", shape);
        userError(() -> ExternalSaes.read(b), b.toString(), "'W_dec'", "[1, 2]", "[2, 1]");

        // A header declaring 2^31 - 9 floats in an entry of a few bytes: refused before allocating 8 GB.
        Map<String, byte[]> huge = valid();
        huge.put("W_enc.npy", npy("(46340, 46340)", 1f));
        Path c = npz("huge.npz", huge);
        userError(() -> ExternalSaes.read(c), c.toString(), "W_enc.npy", "(46340, 46340)");

        Map<String, byte[]> truncated = valid();
        byte[] t = valid().get("b_enc.npy");
        truncated.put("b_enc.npy", java.util.Arrays.copyOf(t, t.length - 2));
        Path d = npz("truncated.npz", truncated);
        userError(() -> ExternalSaes.read(d), "b_enc.npy");

        Path e = Files.writeString(dir.resolve("garbage.npz"), "not a zip at all");
        userError(() -> ExternalSaes.read(e), e.toString(), ".npz");
    }
}
