package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.SafeTensors;

/**
 * cfg.json checked key by key against what SAELens 6.18.0 needs to load it: SAE.load_from_disk ->
 * sae_lens_disk_loader (json.load of cfg.json, dtype looked up in constants.DTYPE_MAP) ->
 * handle_config_defaulting (v6 only if metadata.sae_lens_version >= 6.0.0-rc.0) -> SAEConfig.from_dict
 * (registry by "architecture", dataclass fields only, metadata into SAEMetadata).
 */
class SaeLensCfgTest {
    /** SAEConfig's fields (saes/sae.py) and, for topk, TopKSAEConfig's (saes/topk_sae.py). */
    private static final List<String> BASE = List.of("architecture", "d_in", "d_sae", "dtype", "device",
            "apply_b_dec_to_input", "normalize_activations", "reshape_activations", "metadata");
    private static final Set<String> DTYPE_MAP = Set.of("float32", "float64", "float16", "bfloat16",
            "torch.float32", "torch.float64", "torch.float16", "torch.bfloat16");

    @TempDir
    Path dir;

    private JsonNode cfg(ExternalSae sae) throws IOException {
        Path out = dir.resolve(sae.architecture());
        SaeLensWriter.write(sae, out);
        return new ObjectMapper().readTree(Files.readAllBytes(out.resolve("cfg.json")));
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void standardJumpReluAndGatedWriteTheBaseConfigOnly() throws IOException {
        for (String arch : List.of("standard", "jumprelu", "gated")) {
            JsonNode c = cfg(Craft.sae(arch, 3, 5, 1));
            assertEquals(BASE, keys(c), arch);
            assertEquals(arch, c.get("architecture").textValue());
            assertEquals(3, c.get("d_in").intValue());
            assertTrue(c.get("d_in").isInt() && c.get("d_sae").isInt(), "integers, not floats");
            assertEquals(5, c.get("d_sae").intValue());
            assertTrue(DTYPE_MAP.contains(c.get("dtype").textValue()));
            assertEquals("float32", c.get("dtype").textValue(), "the weights are F32");
            assertEquals("cpu", c.get("device").textValue());
            assertTrue(c.get("apply_b_dec_to_input").booleanValue());
            assertEquals("none", c.get("normalize_activations").textValue());
            assertEquals("none", c.get("reshape_activations").textValue());
        }
    }

    @Test
    void topkAddsKAndRescaleFlag() throws IOException {
        JsonNode c = cfg(Craft.sae("topk", 3, 5, 1));
        List<String> expected = new ArrayList<>(BASE);
        expected.addAll(expected.indexOf("metadata"), List.of("k", "rescale_acts_by_decoder_norm"));
        assertEquals(expected, keys(c));
        assertEquals(2, c.get("k").intValue());
        assertTrue(c.get("k").isInt());
        assertTrue(c.get("rescale_acts_by_decoder_norm").isBoolean());
        assertTrue(!c.get("rescale_acts_by_decoder_norm").booleanValue(), "the decoder is used as is");
    }

    @Test
    void metadataMarksAV6ConfigAndKeepsTheCallersEntries() throws IOException {
        JsonNode m = cfg(Craft.sae("standard", 2, 2, 1)).get("metadata");
        assertEquals("6.0.0", m.get("sae_lens_version").textValue());
        assertTrue(SaeLensReader.isV6(m.get("sae_lens_version").textValue()));
        assertEquals("blocks.3.hook_resid_post", m.get("hook_name").textValue());
        assertEquals("toy", m.get("model_name").textValue());
    }

    @Test
    void anOlderVersionInMetadataIsRaisedSoSaeLensReadsV6() throws IOException {
        ExternalSae s = Craft.sae("standard", 2, 2, 1);
        ExternalSae old = new ExternalSae("standard", 2, 2, s.wEnc(), s.bEnc(), s.wDec(), s.bDec(), null, null, null,
                null, null, true, "none", null, null, Map.of("sae_lens_version", "3.5.0"), "old");
        assertEquals("6.0.0", cfg(old).get("metadata").get("sae_lens_version").textValue());
    }

    @Test
    void sparsityFileHoldsOneTensorNamedSparsity() {
        ExternalSae sae = Craft.sae("standard", 2, 3, 1);
        SaeLensWriter.write(sae, dir.resolve("s"));
        var f = SafeTensors.read(dir.resolve("s/sparsity.safetensors"));
        assertEquals(List.of("sparsity"), List.copyOf(f.tensors().keySet()));
        assertEquals(sae.log10Density().length, f.require("sparsity", 3).data().length);
    }

    @Test
    void versionRuleMatchesHandleConfigDefaulting() {
        assertTrue(SaeLensReader.isV6("6.0.0-rc.0"));
        assertTrue(SaeLensReader.isV6("6.18.0"));
        assertTrue(SaeLensReader.isV6("10.1"));
        assertTrue(!SaeLensReader.isV6("5.11.0"));
        assertTrue(!SaeLensReader.isV6(null));
        assertTrue(!SaeLensReader.isV6("unknown"));
    }
}
