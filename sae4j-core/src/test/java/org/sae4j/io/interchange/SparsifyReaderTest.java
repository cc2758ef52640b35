package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.io.interchange.Craft.userError;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.interchange.Craft.T;

class SparsifyReaderTest {
    @TempDir
    Path dir;

    // nn.Linear(d_in=2, num_latents=3).weight is [3, 2]; SAELens's W_enc is its transpose [2, 3].
    private static final float[] ENCODER_WEIGHT = {1f, 2f, 3f, 4f, 5f, 6f};
    private static final float[] W_DEC = {0.5f, -0.5f, 0.25f, 0f, -1f, 1f};

    private static Map<String, T> tensors(String dtype) {
        Map<String, T> t = new LinkedHashMap<>();
        t.put("encoder.weight", new T(dtype, new long[] {3, 2}, ENCODER_WEIGHT));
        t.put("encoder.bias", new T(dtype, new long[] {3}, new float[] {0.5f, 0f, -0.5f}));
        t.put("W_dec", new T(dtype, new long[] {3, 2}, W_DEC));
        t.put("b_dec", new T(dtype, new long[] {2}, new float[] {1f, -1f}));
        return t;
    }

    private Path dir(String name, String cfg, Map<String, T> tensors) {
        Path d = dir.resolve(name);
        Craft.write(d.resolve("cfg.json"), cfg);
        Craft.safetensors(d.resolve("sae.safetensors"), tensors);
        return d;
    }

    /** What SparseCoder.save_to_disk writes: SparseCoderConfig.to_dict() plus d_in. */
    private static final String SAVED = "{\"activation\": \"topk\", \"expansion_factor\": 32, \"normalize_decoder\": true,"
            + " \"num_latents\": 3, \"k\": 2, \"multi_topk\": false, \"skip_connection\": false, \"transcode\": false,"
            + " \"d_in\": 2}";

    @Test
    void readsASavedSparseCoderAsTopK() {
        ExternalSae s = ExternalSaes.read(dir("bf16", SAVED, tensors("BF16")));
        assertEquals(ExternalSaes.Kind.SPARSIFY, ExternalSaes.detect(dir.resolve("bf16")).orElseThrow());
        assertEquals("topk", s.architecture());
        assertEquals(2, s.k());
        assertEquals(2, s.dIn());
        assertEquals(3, s.dSae());
        assertArrayEquals(new float[] {1f, 3f, 5f, 2f, 4f, 6f}, s.wEnc());
        assertArrayEquals(new float[] {0.5f, 0f, -0.5f}, s.bEnc());
        assertArrayEquals(W_DEC, s.wDec());
        assertArrayEquals(new float[] {1f, -1f}, s.bDec());
        assertTrue(s.applyBDecToInput(), "sparsify's encode subtracts b_dec");
        assertEquals("sparsify", s.metadata().get("source_format"));
    }

    @Test
    void infersWidthsFromTheEncoderWhenTheConfigLacksThem() {
        ExternalSae s = ExternalSaes.read(dir("lean", "{\"k\": 1}", tensors("F16")));
        assertEquals(2, s.dIn());
        assertEquals(3, s.dSae());
        assertEquals(1, s.k());
    }

    @Test
    void malformedOrUnsupportedSparsifyDirectoriesGiveOneSentence() {
        Path a = dir("groupmax", SAVED.replace("\"topk\"", "\"groupmax\""), tensors("F32"));
        userError(() -> ExternalSaes.read(a), a.resolve("cfg.json").toString(), "'groupmax'");
        Path b = dir("transcoder", SAVED.replace("\"transcode\": false", "\"transcode\": true"), tensors("F32"));
        userError(() -> ExternalSaes.read(b), "transcoder");
        Path c = dir("latents", SAVED.replace("\"num_latents\": 3", "\"num_latents\": 4"), tensors("F32"));
        userError(() -> ExternalSaes.read(c), c.resolve("cfg.json").toString(), "num_latents 4", "[3, 2]");
        Path d = dir("expansion", "{\"k\": 1, \"num_latents\": 0, \"expansion_factor\": 32}", tensors("F32"));
        userError(() -> ExternalSaes.read(d), "expansion_factor 32", "64 latents");
        Path e = dir("nok", "{\"d_in\": 2}", tensors("F32"));
        userError(() -> ExternalSaes.read(e), e.resolve("cfg.json").toString(), "'k'");
        Map<String, T> noDec = tensors("F32");
        noDec.remove("W_dec");
        Path f = dir("nodec", SAVED, noDec);
        userError(() -> ExternalSaes.read(f), f.resolve("sae.safetensors").toString(), "'W_dec'");
        Path g = dir("bigk", SAVED.replace("\"k\": 2", "\"k\": 4"), tensors("F32"));
        userError(() -> ExternalSaes.read(g), "k 4", g.toString());
        Map<String, T> skip = tensors("F32");
        skip.put("W_skip", T.f32(new float[4], 2, 2));
        Path h = dir("skip", SAVED, skip);
        userError(() -> ExternalSaes.read(h), "W_skip");
    }
}
