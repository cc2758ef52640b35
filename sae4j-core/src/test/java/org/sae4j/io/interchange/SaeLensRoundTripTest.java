package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.io.SafeTensors;
import org.sae4j.io.SafeTensorsFile;

class SaeLensRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"standard", "topk", "jumprelu", "gated"})
    void everyArchitectureSurvivesWriteThenRead(String arch) {
        ExternalSae sae = Craft.sae(arch, 3, 5, arch.hashCode());
        Path out = dir.resolve("sae-" + arch);
        SaeLensWriter.write(sae, out);
        ExternalSae back = ExternalSaes.read(out);

        assertEquals(arch, back.architecture());
        assertEquals(3, back.dIn());
        assertEquals(5, back.dSae());
        assertArrayEquals(sae.wEnc(), back.wEnc());
        assertArrayEquals(sae.bEnc(), back.bEnc());
        assertArrayEquals(sae.wDec(), back.wDec());
        assertArrayEquals(sae.bDec(), back.bDec());
        assertArrayEquals(sae.threshold(), back.threshold());
        assertEquals(sae.k(), back.k());
        assertArrayEquals(sae.bGate(), back.bGate());
        assertArrayEquals(sae.rMag(), back.rMag());
        assertArrayEquals(sae.bMag(), back.bMag());
        assertArrayEquals(sae.log10Density(), back.log10Density());
        assertEquals(sae.applyBDecToInput(), back.applyBDecToInput());
        assertEquals("none", back.normalizeActivations());
        assertEquals("toy", back.metadata().get("model_name"));
        assertEquals(out.toString(), back.source());
    }

    @Test
    void writesExactlyTheStateDictSaeLensLoadsStrictly() {
        Map<String, List<String>> expected = Map.of(
                "standard", List.of("W_enc", "b_enc", "W_dec", "b_dec"),
                "topk", List.of("W_enc", "b_enc", "W_dec", "b_dec"),
                "jumprelu", List.of("W_enc", "b_enc", "W_dec", "b_dec", "threshold"),
                "gated", List.of("W_enc", "W_dec", "b_dec", "b_gate", "r_mag", "b_mag"));
        expected.forEach((arch, names) -> {
            Path out = dir.resolve(arch);
            SaeLensWriter.write(Craft.sae(arch, 2, 4, 7), out);
            SafeTensorsFile f = SafeTensors.read(out.resolve("sae_weights.safetensors"));
            assertEquals(names, List.copyOf(f.tensors().keySet()), arch);
            f.tensors().values().forEach(t -> assertEquals("F32", t.dtype()));
            assertArrayEquals(new long[] {2, 4}, f.require("W_enc").shape());
            assertArrayEquals(new long[] {4, 2}, f.require("W_dec").shape());
        });
    }

    @Test
    void batchTopKExportedAsJumpReluKeepsItsThresholdForEveryLatent() {
        // SAELens #608: the batchtopk inference threshold was lost on export; it must be one value per latent.
        float[] theta = {0.75f, 0.75f, 0.75f, 0.75f};
        ExternalSae base = Craft.sae("standard", 2, 4, 3);
        ExternalSae batchTopK = ExternalSae.builder("jumprelu", 2, 4).weights(base.wEnc(), base.wDec())
                .biases(base.bEnc(), base.bDec()).threshold(theta).build();
        SaeLensWriter.write(batchTopK, dir.resolve("b"));
        assertArrayEquals(theta, SafeTensors.read(dir.resolve("b/sae_weights.safetensors")).require("threshold", 4).data());
        assertArrayEquals(theta, ExternalSaes.read(dir.resolve("b")).threshold());
    }

    @Test
    void foldsTheNormScalingFactorAsSaeLensTrainerDoes() {
        ExternalSae sae = Craft.sae("jumprelu", 3, 4, 11);
        ExternalSae scaled = new ExternalSae(sae.architecture(), 3, 4, sae.wEnc(), sae.bEnc(), sae.wDec(), sae.bDec(),
                sae.threshold(), null, null, null, null, true, "expected_average_only_in", 2.0, null, Map.of(), "s");
        SaeLensWriter.write(scaled, dir.resolve("f"));
        ExternalSae back = ExternalSaes.read(dir.resolve("f"));
        assertEquals("none", back.normalizeActivations());
        assertNull(back.normScalingFactor());
        for (int i = 0; i < sae.wEnc().length; i++) {
            assertEquals(sae.wEnc()[i] * 2, back.wEnc()[i]);
            assertEquals(sae.wDec()[i] / 2, back.wDec()[i]);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(sae.bDec()[i] / 2, back.bDec()[i]);
        }
        assertArrayEquals(sae.threshold(), back.threshold()); // pre-activations do not change
        assertArrayEquals(sae.wEnc(), scaled.wEnc(), "the caller's arrays are untouched");
    }

    @Test
    void rewritingADirectoryReplacesOurFilesAndLeavesOthers() throws IOException {
        Path out = dir.resolve("again");
        SaeLensWriter.write(Craft.sae("topk", 3, 4, 1), out);
        Files.writeString(out.resolve("README.md"), "notes");
        ExternalSae second = Craft.sae("standard", 3, 6, 2);
        ExternalSae noDensity = new ExternalSae("standard", 3, 6, second.wEnc(), second.bEnc(), second.wDec(),
                second.bDec(), null, null, null, null, null, false, "none", null, null, Map.of(), "x");
        SaeLensWriter.write(noDensity, out);

        ExternalSae back = ExternalSaes.read(out);
        assertEquals("standard", back.architecture());
        assertEquals(6, back.dSae());
        assertFalse(back.applyBDecToInput());
        assertNull(back.log10Density(), "the old sparsity file described another SAE");
        assertEquals("notes", Files.readString(out.resolve("README.md")));
        assertNoLeftovers();
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "a file");
        Craft.userError(() -> SaeLensWriter.write(Craft.sae("standard", 2, 2, 1), file), "'" + file + "'", "directory");
        assertEquals("a file", Files.readString(file));
        assertNoLeftovers();
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "temp directory left behind");
        }
    }
}
