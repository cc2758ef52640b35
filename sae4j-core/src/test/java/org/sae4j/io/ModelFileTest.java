package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.Autoencoder;
import org.sae4j.nn.Activation;
import org.sae4j.nn.Parameter;

class ModelFileTest {

    private static Autoencoder sample() {
        Autoencoder m = Autoencoder.builder(12).encoder(8, 5).decoder(7).activation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).loss(ReconstructionLoss.BINARY_CROSS_ENTROPY)
                .klSparsity(0.1, 2.5).l1Activity(1e-3).l1Weights(1e-5).l2Weights(2e-4).seed(99).build();
        float[] v = new float[3 * 12];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7;
        }
        m.setNormalizer(Normalizer.fit(Normalizer.Kind.STANDARDIZE, new Dataset("d", v, 3, 12)));
        return m;
    }

    @Test
    void roundTripIsExact(@TempDir Path dir) throws Exception {
        Autoencoder m = sample();
        Path a = dir.resolve("a.safetensors");
        ModelFile.save(m, a);
        Autoencoder back = ModelFile.loadAutoencoder(a);
        assertEquals(m.config(), back.config());
        assertEquals(m.normalizer().kind(), back.normalizer().kind());
        assertArrayEquals(m.normalizer().offset(), back.normalizer().offset());
        assertArrayEquals(m.normalizer().scale(), back.normalizer().scale());
        for (int i = 0; i < m.parameters().size(); i++) {
            Parameter p = m.parameters().get(i);
            Parameter q = back.parameters().get(i);
            assertEquals(p.name(), q.name());
            assertArrayEquals(p.value(), q.value());
        }
        Path b = dir.resolve("b.safetensors");
        ModelFile.save(back, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "save(load(f)) must give the same bytes");
    }

    @Test
    void fileIsPlainSafetensorsWithDocumentedNames(@TempDir Path dir) {
        Path f = dir.resolve("m.safetensors");
        ModelFile.save(sample(), f);
        SafeTensorsFile st = SafeTensors.read(f);
        assertEquals(ModelFile.FORMAT, st.metadata().get("format"));
        assertEquals("standardize", st.metadata().get("normalization"));
        assertArrayEquals(new long[] {12, 8}, st.tensors().get("encoder.0.weight").shape());
        assertArrayEquals(new long[] {5, 7}, st.tensors().get("decoder.0.weight").shape());
        assertArrayEquals(new long[] {7, 12}, st.tensors().get("decoder.1.weight").shape());
        assertArrayEquals(new long[] {12}, st.tensors().get("normalizer.scale").shape());
        assertTrue(st.metadata().get("config").contains("\"kl\":{\"rho\":0.1,\"beta\":2.5}"), st.metadata().get("config"));
    }

    @Test
    void otherSafetensorsFilesAreRejectedClearly(@TempDir Path dir) {
        Path f = dir.resolve("other.safetensors");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("W_enc", Tensor.f32(new float[6], 2, 3));
        SafeTensors.write(f, t, Map.of("format", "pt"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.loadAutoencoder(f));
        assertEquals("File '" + f + "' is not an sae4j model (metadata format is 'pt'; expected 'sae4j-autoencoder' or 'sae4j-sae').",
                e.getMessage());
    }

    @Test
    void missingTensorAndBadConfigAreNamed(@TempDir Path dir) {
        Path f = dir.resolve("m.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", ModelFile.FORMAT);
        meta.put("format_version", ModelFile.VERSION);
        meta.put("config", ModelConfigJson.toJson(sample().config()));
        SafeTensors.write(f, Map.of("encoder.0.weight", Tensor.f32(new float[96], 12, 8)), meta);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelFile.loadAutoencoder(f));
        assertTrue(e.getMessage().contains("encoder.0.bias") && e.getMessage().contains(f.toString()), e.getMessage());

        meta.put("config", "{\"input_size\": 12}");
        SafeTensors.write(f, Map.of(), meta);
        e = assertThrows(InvalidInputException.class, () -> ModelFile.loadAutoencoder(f));
        assertEquals("The model config in '" + f + "' has no field 'encoder_units'.", e.getMessage());

        meta.put("config", "{not json");
        SafeTensors.write(f, Map.of(), meta);
        e = assertThrows(InvalidInputException.class, () -> ModelFile.loadAutoencoder(f));
        assertTrue(e.getMessage().startsWith("The model config in '" + f + "' is not valid JSON"), e.getMessage());
    }
}
