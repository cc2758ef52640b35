package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.io.ModelFile;
import org.sae4j.io.ModelLoader;
import org.sae4j.io.interchange.Craft.T;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * Issue 18, defect 12: SAELens's expected_average_only_in without a scaler loads as the identity; a folded
 * activation_scaler.json is said in one line; SAELens metadata survives import, an sae4j save and re-export.
 */
class SaeExchangeSaeLensTest {
    static final int D_IN = 6;
    static final int D_SAE = 11;
    static final String METADATA = "{\"sae_lens_version\": \"6.12.1\", \"model_name\": \"pythia-160m-deduped\","
            + " \"hook_name\": \"blocks.4.hook_resid_post\", \"hook_head_index\": null, \"context_size\": 1536,"
            + " \"prepend_bos\": false, \"dataset_path\": \"monology/pile-uncopyrighted\","
            + " \"model_from_pretrained_kwargs\": {\"center_writing_weights\": false}, \"seqpos_slice\": [1, null],"
            + " \"neuronpedia_id\": \"pythia-160m/4-res\"}";

    @TempDir
    Path dir;

    private static float[] values(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    /** A v6 jumprelu directory written by hand with the given normalize_activations. */
    private Path saeLens(String name, String normalize) {
        SplittableRandom r = new SplittableRandom(17);
        Map<String, T> t = new LinkedHashMap<>();
        t.put("W_enc", T.f32(values(r, D_IN * D_SAE, 0.7), D_IN, D_SAE));
        t.put("b_enc", T.f32(values(r, D_SAE, 0.1), D_SAE));
        t.put("W_dec", T.f32(values(r, D_SAE * D_IN, 0.4), D_SAE, D_IN));
        t.put("b_dec", T.f32(values(r, D_IN, 2.5), D_IN));
        float[] threshold = values(r, D_SAE, 0.05);
        for (int i = 0; i < D_SAE; i++) {
            threshold[i] = Math.abs(threshold[i]);
        }
        t.put("threshold", T.f32(threshold, D_SAE));
        Path d = dir.resolve(name);
        Craft.write(d.resolve("cfg.json"), "{\"architecture\": \"jumprelu\", \"d_in\": " + D_IN + ", \"d_sae\": " + D_SAE
                + ", \"dtype\": \"float32\", \"device\": \"cpu\", \"apply_b_dec_to_input\": true,"
                + " \"normalize_activations\": \"" + normalize + "\", \"metadata\": " + METADATA + "}");
        Craft.safetensors(d.resolve("sae_weights.safetensors"), t);
        return d;
    }

    private static Dataset inputs() {
        return new Dataset("x", values(new SplittableRandom(3), 40 * D_IN, 9.0), 40, D_IN);
    }

    @Test
    void expectedAverageOnlyInWithoutAScalerIsTheIdentity() {
        Model plain = ModelLoader.load(saeLens("none", "none"));
        Model average = ModelLoader.load(saeLens("average", "expected_average_only_in"));
        assertArrayEquals(plain.encode(inputs()).values(), average.encode(inputs()).values());
    }

    @Test
    void aFoldedActivationScalerIsSaidInOneLine() {
        Path d = saeLens("checkpoint", "expected_average_only_in");
        Craft.write(d.resolve("activation_scaler.json"), "{\"scaling_factor\": 0.0625}");
        List<String> notices = new ArrayList<>();
        Model m = ModelLoader.load(d, notices::add);
        assertEquals(1, notices.size(), notices.toString());
        String line = notices.get(0);
        assertTrue(line.contains(d.toString()) && line.contains("activation_scaler.json") && line.contains("0.0625")
                && line.contains("folded"), line);
        assertEquals(1, line.lines().count());
        // Folding is exact on the pre-activations: the scaled inputs through the plain SAE give the same codes.
        Dataset raw = inputs();
        float[] scaled = raw.values().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 0.0625f;
        }
        float[] expected = ModelLoader.load(saeLens("plain", "none")).encode(new Dataset("s", scaled, 40, D_IN)).values();
        float[] got = m.encode(raw).values();
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-5 + 1e-4 * Math.abs(expected[i]));
        }
        assertEquals(List.of(), noticesOf(saeLens("quiet", "none")), "no scaler, nothing to say");
    }

    private static List<String> noticesOf(Path d) {
        List<String> notices = new ArrayList<>();
        ModelLoader.load(d, notices::add);
        return notices;
    }

    @Test
    void saeLensMetadataSurvivesAnSae4jSaveAndReExport() throws Exception {
        SparseAutoencoder sae = (SparseAutoencoder) ModelLoader.load(saeLens("src", "none"));
        Path file = dir.resolve("imported.safetensors");
        ModelFile.save(sae, file);
        SparseAutoencoder back = (SparseAutoencoder) ModelFile.load(file);
        Path out = dir.resolve("re-exported");
        SaeLensWriter.write(SaeExchange.toExternal(back, null, out.toString()), out);
        ObjectMapper json = new ObjectMapper();
        JsonNode written = json.readTree(Files.readString(out.resolve("cfg.json"))).get("metadata");
        JsonNode original = json.readTree(METADATA);
        original.fieldNames().forEachRemaining(key ->
                assertEquals(original.get(key), written.get(key), key + " in " + written));
        assertEquals("jumprelu", written.get("sae4j_architecture").asText());
        // And read back by the SAELens reader as the same metadata.
        assertEquals(1536, ExternalSaes.read(out).metadata().get("context_size"));
        assertEquals("blocks.4.hook_resid_post", ExternalSaes.read(out).metadata().get("hook_name"));
    }
}
