package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.io.interchange.Craft.userError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSaesTest {
    @TempDir
    Path dir;

    @Test
    void recognisesEachLayoutAndFilesInsideIt() throws IOException {
        Path saelens = dir.resolve("saelens");
        SaeLensWriter.write(Craft.sae("standard", 2, 2, 1), saelens);
        assertEquals(Optional.of(ExternalSaes.Kind.SAELENS), ExternalSaes.detect(saelens));
        assertEquals(Optional.of(ExternalSaes.Kind.SAELENS), ExternalSaes.detect(saelens.resolve("cfg.json")));
        assertEquals(2, ExternalSaes.read(saelens.resolve("sae_weights.safetensors")).dIn());

        Path sparsify = Files.createDirectories(dir.resolve("sparsify"));
        Files.writeString(sparsify.resolve("cfg.json"), "{}");
        Files.writeString(sparsify.resolve("sae.safetensors"), "");
        assertEquals(Optional.of(ExternalSaes.Kind.SPARSIFY), ExternalSaes.detect(sparsify));

        Path gemma = Files.createDirectories(dir.resolve("gemma"));
        Files.writeString(gemma.resolve("params.npz"), "");
        assertEquals(Optional.of(ExternalSaes.Kind.GEMMA_SCOPE), ExternalSaes.detect(gemma));
        assertEquals(Optional.of(ExternalSaes.Kind.GEMMA_SCOPE), ExternalSaes.detect(gemma.resolve("params.npz")));

        Path sae4jModel = Files.writeString(dir.resolve("model.safetensors"), "");
        assertEquals(Optional.empty(), ExternalSaes.detect(sae4jModel), "sae4j's own model file is not external");
        assertEquals(Optional.empty(), ExternalSaes.detect(dir.resolve("missing")));
    }

    @Test
    void unknownOrMissingPathsSayWhatWasExpected() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        userError(() -> ExternalSaes.read(empty), "'" + empty + "'", "SAELens directory", "sparsify", "params.npz");
        userError(() -> ExternalSaes.read(dir.resolve("missing")), "does not exist", "params.npz");
        Path cfgOnly = Files.createDirectories(dir.resolve("cfgonly"));
        Files.writeString(cfgOnly.resolve("cfg.json"), "{}");
        userError(() -> ExternalSaes.read(cfgOnly), "sae_weights.safetensors");
    }

    @Test
    void constructorChecksNameTheSourceAndField() {
        ExternalSae ok = Craft.sae("topk", 2, 3, 1);
        userError(() -> ExternalSae.builder("batchtopk", 2, 3).source("m").build(), "SAE 'm'", "'batchtopk'", "jumprelu");
        userError(() -> ExternalSae.builder("standard", 0, 3).source("m").build(), "d_in 0");
        userError(() -> ExternalSae.builder("standard", 2, 3).weights(ok.wEnc(), ok.wDec()).biases(ok.bEnc(), null)
                .source("m").build(), "SAE 'm'", "no b_dec");
        userError(() -> ExternalSae.builder("topk", 2, 3).weights(ok.wEnc(), ok.wDec()).biases(ok.bEnc(), ok.bDec())
                .source("m").build(), "no k");
        userError(() -> ExternalSae.builder("topk", 2, 3).weights(ok.wEnc(), ok.wDec()).biases(ok.bEnc(), ok.bDec())
                .k(0).build(), "k 0");
        userError(() -> ExternalSae.builder("jumprelu", 2, 3).weights(ok.wEnc(), ok.wDec())
                .biases(ok.bEnc(), ok.bDec()).build(), "no threshold");
        userError(() -> ExternalSae.builder("standard", 2, 3).weights(ok.wEnc(), ok.wDec())
                .biases(ok.bEnc(), ok.bDec()).threshold(new float[3]).build(), "threshold", "only for jumprelu");
        userError(() -> ExternalSae.builder("standard", 2, 3).weights(new float[] {0, 0, Float.NaN, 0, 0, 0}, ok.wDec())
                .biases(ok.bEnc(), ok.bDec()).build(), "NaN in W_enc at index 2");
        userError(() -> ExternalSae.builder("standard", 2, 3).weights(ok.wEnc(), ok.wDec())
                .biases(ok.bEnc(), ok.bDec()).normScalingFactor(-1.0).build(), "norm scaling factor -1.0");
        userError(() -> ExternalSae.builder("standard", 2, 3).weights(ok.wEnc(), ok.wDec())
                .biases(ok.bEnc(), ok.bDec()).log10Density(new float[2]).build(), "2 log10 feature densities");
    }

    @Test
    void metadataIsCopiedAndReadOnly() {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("a", null); // JSON null is a legal metadata value
        ExternalSae s = new ExternalSae("standard", 1, 1, new float[1], new float[1], new float[1], new float[1],
                null, null, null, null, null, true, "none", null, null, m, null);
        m.put("b", 1);
        assertEquals(1, s.metadata().size());
        assertNull(s.metadata().get("a"));
        assertTrue(s.toString().contains("standard"));
        assertArrayEquals(new float[1], s.wEnc());
    }
}
