package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sae4j.io.interchange.Craft.userError;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.interchange.Craft.T;

class SaeLensReaderTest {
    @TempDir
    Path dir;

    private static final float[] W_ENC = {0.5f, -1f, 1.5f, 2f, 0f, -0.25f}; // [2, 3]
    private static final float[] W_DEC = {2f, 0f, 0f, -2f, 0f, 0f};          // [3, 2]: norms 2, 2, 0

    private Path sae(String name, String cfg, Map<String, T> tensors) {
        Path d = dir.resolve(name);
        Craft.write(d.resolve("cfg.json"), cfg);
        Craft.safetensors(d.resolve("sae_weights.safetensors"), tensors);
        return d;
    }

    private static Map<String, T> standard(String encType) {
        Map<String, T> t = new LinkedHashMap<>();
        t.put("W_enc", new T(encType, new long[] {2, 3}, W_ENC));
        t.put("b_enc", new T("BF16", new long[] {3}, new float[] {0.5f, -0.5f, 1f}));
        t.put("W_dec", T.f32(W_DEC, 3, 2));
        t.put("b_dec", new T("F16", new long[] {2}, new float[] {-1.5f, 0.125f}));
        return t;
    }

    private static final String V6 = "{\"architecture\": \"%s\", \"d_in\": 2, \"d_sae\": 3, \"dtype\": \"bfloat16\","
            + " \"device\": \"cuda\", \"apply_b_dec_to_input\": true, \"normalize_activations\": \"none\", %s"
            + " \"metadata\": {\"sae_lens_version\": \"6.18.0\", \"hook_name\": \"blocks.0.hook_resid_post\","
            + " \"note\": NaN}}";

    @Test
    void readsV6WithHalfPrecisionWeightsAsFloat32() {
        ExternalSae s = ExternalSaes.read(sae("v6", String.format(V6, "standard", ""), standard("F16")));
        assertEquals("standard", s.architecture());
        assertArrayEquals(W_ENC, s.wEnc());
        assertArrayEquals(new float[] {0.5f, -0.5f, 1f}, s.bEnc());
        assertArrayEquals(new float[] {-1.5f, 0.125f}, s.bDec());
        assertEquals("blocks.0.hook_resid_post", s.metadata().get("hook_name"));
        assertNull(s.log10Density());
    }

    @Test
    void v6TopKDefaultsKTo100AsSaeLensDoesAndFoldsRescaledDecoderNorms() {
        Map<String, T> t = standard("F32");
        assertEquals(3, t.get("W_dec").values().length / 2);
        String cfg = String.format(V6, "topk", "\"k\": 2, \"rescale_acts_by_decoder_norm\": true,");
        ExternalSae s = ExternalSaes.read(sae("topk", cfg, t));
        assertEquals(2, s.k());
        // _fold_norm_topk: W_dec rows to unit norm, W_enc columns and b_enc times the norm; zero row kept.
        assertArrayEquals(new float[] {1f, 0f, 0f, -1f, 0f, 0f}, s.wDec());
        assertArrayEquals(new float[] {1f, -2f, 0f, 4f, 0f, -0f}, s.wEnc());
        assertArrayEquals(new float[] {1f, -1f, 0f}, s.bEnc());

        userError(() -> ExternalSaes.read(sae("k100", String.format(V6, "topk", ""), standard("F32"))),
                "k 100", "d_sae (3)");
    }

    @Test
    void readsThePre60FlatLayout() {
        String cfg = "{\"architecture\": \"standard\", \"d_in\": 2, \"d_sae\": 3, \"dtype\": \"float32\","
                + " \"device\": \"cuda\", \"model_name\": \"gpt2-small\", \"hook_point\": \"blocks.8.hook_resid_pre\","
                + " \"hook_point_layer\": 8, \"hook_point_head_index\": null, \"activation_fn_str\": \"topk\","
                + " \"activation_fn_kwargs\": {\"k\": 2}, \"apply_b_dec_to_input\": false,"
                + " \"finetuning_scaling_factor\": true, \"sae_lens_training_version\": \"3.5.0\","
                + " \"prepend_bos\": true, \"context_size\": 128, \"normalize_activations\": true, \"lr\": 0.0004}";
        Map<String, T> t = standard("F32");
        t.put("scaling_factor", T.f32(new float[] {1f, 0.5f, 3f}, 3));
        ExternalSae s = ExternalSaes.read(sae("old", cfg, t));
        assertEquals("topk", s.architecture());
        assertEquals(2, s.k());
        assertFalse(s.applyBDecToInput());
        assertEquals("expected_average_only_in", s.normalizeActivations());
        assertEquals("blocks.8.hook_resid_pre", s.metadata().get("hook_name"));
        assertEquals("gpt2-small", s.metadata().get("model_name"));
        assertEquals(Map.of("model_name", "gpt2-small", "hook_name", "blocks.8.hook_resid_pre",
                "hook_head_index", "null", "sae_lens_training_version", "3.5.0", "prepend_bos", true,
                "context_size", 128).keySet(), s.metadata().keySet(), "only SAELens's LLM_METADATA_KEYS");
        // finetuning scaling factor: (f * s) @ W_dec == f @ (diag(s) W_dec)
        assertArrayEquals(new float[] {2f, 0f, 0f, -1f, 0f, 0f}, s.wDec());
    }

    @Test
    void preV6DefaultsToStandardReluWithBDecApplied() {
        ExternalSae s = ExternalSaes.read(sae("plain", "{\"d_in\": 2, \"d_sae\": 3.0}", standard("F32")));
        assertEquals("standard", s.architecture());
        assertEquals(3, s.dSae());
        assertEquals(true, s.applyBDecToInput());
        assertEquals("none", s.normalizeActivations());
    }

    @Test
    void readsSparsityAndActivationScaler() {
        Path d = sae("extras", String.format(V6, "standard", ""), standard("F32"));
        Craft.safetensors(d.resolve("sparsity.safetensors"), Map.of("sparsity", T.f32(new float[] {-1f, -2f, -10f}, 3)));
        Craft.write(d.resolve("activation_scaler.json"), "{\"scaling_factor\": 0.5}");
        ExternalSae s = ExternalSaes.read(d);
        assertArrayEquals(new float[] {-1f, -2f, -10f}, s.log10Density());
        assertEquals(0.5, s.normScalingFactor());
    }

    @Test
    void eachMalformedDirectoryGivesOneSentenceNamingFileAndField() {
        Map<String, T> noThreshold = standard("F32");
        Path p = sae("nothreshold", String.format(V6, "jumprelu", ""), noThreshold);
        userError(() -> ExternalSaes.read(p), p.resolve("sae_weights.safetensors").toString(), "'threshold'");

        Map<String, T> wrong = standard("F32");
        wrong.put("W_enc", T.f32(W_ENC, 3, 2));
        Path q = sae("shape", String.format(V6, "standard", ""), wrong);
        userError(() -> ExternalSaes.read(q), "'W_enc'", q.resolve("sae_weights.safetensors").toString(), "[3, 2]",
                "[2, 3]");

        Path r = sae("arch", String.format(V6, "temporal", ""), standard("F32"));
        userError(() -> ExternalSaes.read(r), r.resolve("cfg.json").toString(), "'temporal'", "gated",
                "jumprelu_skip_transcoder");
        // A transcoder (issue 20) reads, but only with its output width.
        Path tc = sae("transcoder", String.format(V6, "jumprelu_transcoder", ""), standard("F32"));
        userError(() -> ExternalSaes.read(tc), tc.resolve("cfg.json").toString(), "'d_out'");

        Path s = sae("noarch", "{\"d_in\": 2, \"d_sae\": 3, \"metadata\": {\"sae_lens_version\": \"6.1.0\"}}",
                standard("F32"));
        userError(() -> ExternalSaes.read(s), s.resolve("cfg.json").toString(), "'architecture'");

        Path t = sae("nodsae", "{\"d_in\": 2}", standard("F32"));
        userError(() -> ExternalSaes.read(t), t.resolve("cfg.json").toString(), "'d_sae'");

        Path u = sae("badjson", "{\"d_in\": 2,, }", standard("F32"));
        userError(() -> ExternalSaes.read(u), u.resolve("cfg.json").toString(), "not valid JSON");

        Path v = sae("strdin", "{\"d_in\": \"2\", \"d_sae\": 3}", standard("F32"));
        userError(() -> ExternalSaes.read(v), "'d_in'", "expected an integer");

        Path w = sae("array", "[1, 2]", standard("F32"));
        userError(() -> ExternalSaes.read(w), "cfg.json", "expected a JSON object");

        Path x = sae("nok", "{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"topk\"}", standard("F32"));
        userError(() -> ExternalSaes.read(x), "activation_fn_kwargs.k");

        Path y = sae("tanh", "{\"d_in\": 2, \"d_sae\": 3, \"activation_fn_str\": \"tanh-relu\"}", standard("F32"));
        userError(() -> ExternalSaes.read(y), "'tanh-relu'", "relu or topk");

        Path z = sae("norm", String.format(V6, "standard", "").replace("\"none\"", "\"whiten\""), standard("F32"));
        userError(() -> ExternalSaes.read(z), "normalize_activations 'whiten'");
    }

    @Test
    void aTruncatedWeightsFileIsOneSentenceNotAnAllocation() {
        Path d = sae("trunc", String.format(V6, "standard", ""), Map.of());
        // Declares a 2 GB tensor in a file of a few bytes: the reader must refuse before allocating.
        String header = "{\"W_enc\":{\"dtype\":\"F32\",\"shape\":[2,268435455],\"data_offsets\":[0,2147483640]}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putLong(0);
        Craft.write(d.resolve("sae_weights.safetensors"), b.array());
        userError(() -> ExternalSaes.read(d), d.resolve("sae_weights.safetensors").toString(), "data_offsets");
    }
}
