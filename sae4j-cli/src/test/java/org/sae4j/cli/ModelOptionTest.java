package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, defect 12 through the command line: a SAELens directory as SAELens's trainer leaves it
 * (normalize_activations expected_average_only_in, with or without activation_scaler.json, model metadata) is
 * read by every command, a folded scaler is said in one line on stderr, and export writes the metadata again.
 */
class ModelOptionTest {
    @TempDir
    Path dir;

    /** An SAE trained here and exported, then edited into what SAELens's trainer writes. */
    private Path saeLensCheckpoint(Double scaler) throws Exception {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, CliTest.run("train", "--arch", "jumprelu", "--width", "50", "--data",
                "synthetic:features=40,dim=12,samples=3000,seed=6", "--epochs", "1", "--batch-size", "64", "-q",
                "-o", model.toString()).code());
        Path lens = dir.resolve(scaler == null ? "lens" : "lens-scaled");
        assertEquals(0, CliTest.run("export", "-m", model.toString(), "-o", lens.toString()).code());
        ObjectMapper json = new ObjectMapper();
        ObjectNode cfg = (ObjectNode) json.readTree(Files.readString(lens.resolve("cfg.json")));
        cfg.put("normalize_activations", "expected_average_only_in");
        ObjectNode meta = (ObjectNode) cfg.get("metadata");
        meta.put("model_name", "gemma-2-2b").put("hook_name", "blocks.12.hook_resid_post").put("context_size", 2048)
                .put("prepend_bos", true).put("dataset_path", "chanind/openwebtext-gemma");
        meta.putObject("model_from_pretrained_kwargs").put("center_writing_weights", false);
        Files.writeString(lens.resolve("cfg.json"), cfg.toPrettyString());
        if (scaler != null) {
            Files.writeString(lens.resolve("activation_scaler.json"), "{\"scaling_factor\": " + scaler + "}");
        }
        return lens;
    }

    @Test
    void expectedAverageOnlyInLoadsAndReExportKeepsTheMetadata() throws Exception {
        Path lens = saeLensCheckpoint(null);
        CliTest.Run eval = CliTest.run("eval", "-m", lens.toString(), "--data", "synthetic:dim=12,samples=500,start=9000",
                "--json");
        assertEquals(0, eval.code(), eval.err());
        assertEquals("", eval.err(), "nothing folded, nothing said");

        Path again = dir.resolve("again");
        CliTest.Run export = CliTest.run("export", "-m", lens.toString(), "-o", again.toString());
        assertEquals(0, export.code(), export.err());
        JsonNode meta = new ObjectMapper().readTree(Files.readString(again.resolve("cfg.json"))).get("metadata");
        assertEquals("gemma-2-2b", meta.get("model_name").asText());
        assertEquals("blocks.12.hook_resid_post", meta.get("hook_name").asText());
        assertEquals(2048, meta.get("context_size").asInt());
        assertEquals("chanind/openwebtext-gemma", meta.get("dataset_path").asText());
        assertEquals(false, meta.get("model_from_pretrained_kwargs").get("center_writing_weights").asBoolean());
    }

    @Test
    void aFoldedActivationScalerIsOneLineOnStderr() throws Exception {
        Path lens = saeLensCheckpoint(3.25);
        CliTest.Run eval = CliTest.run("eval", "-m", lens.toString(), "--data", "synthetic:dim=12,samples=500,start=9000",
                "--json");
        assertEquals(0, eval.code(), eval.err());
        assertEquals(1, eval.err().lines().count(), eval.err());
        assertTrue(eval.err().contains("activation_scaler.json") && eval.err().contains("3.25")
                && eval.err().contains("folded"), eval.err());
        new ObjectMapper().readTree(eval.out()); // stdout is still one JSON object
    }
}
