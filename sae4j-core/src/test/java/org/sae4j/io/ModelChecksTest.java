package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Autoencoder;

/** Model files that are well-formed safetensors but not a usable model: refused on load, naming the file. */
class ModelChecksTest {
    @TempDir
    Path dir;

    /** A small saved model, its tensors and metadata edited by {@code tensors} and {@code meta}, re-saved. */
    private Path tampered(Consumer<Map<String, Tensor>> tensors, Consumer<Map<String, String>> meta) {
        Autoencoder m = Autoencoder.builder(6).encoder(4, 3).seed(5).build();
        m.setNormalizer(Normalizer.fit(Normalizer.Kind.STANDARDIZE, new Dataset("d", new float[] {
            1, 2, 3, 4, 5, 6, 2, 3, 4, 5, 6, 8}, 2, 6)));
        Path good = dir.resolve("good.safetensors");
        ModelFile.save(m, good);
        SafeTensorsFile f = SafeTensors.read(good);
        Map<String, Tensor> t = new LinkedHashMap<>(f.tensors());
        Map<String, String> md = new LinkedHashMap<>(f.metadata());
        tensors.accept(t);
        meta.accept(md);
        Path bad = dir.resolve("bad.safetensors");
        SafeTensors.write(bad, t, md);
        return bad;
    }

    private static void refused(Path file, String... fragments) {
        String m = assertThrows(InvalidInputException.class, () -> ModelFile.load(file)).getMessage();
        assertTrue(m.contains("'" + file + "'"), m);
        for (String f : fragments) {
            assertTrue(m.contains(f), f + " missing from: " + m);
        }
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void nanWeightsAndInfiniteScaleAreRefused() {
        Path nan = tampered(t -> t.get("decoder.0.weight").data()[3] = Float.NaN, md -> { });
        refused(nan, "decoder.0.weight", "NaN", "finite");
        Path inf = tampered(t -> t.get("normalizer.scale").data()[0] = Float.POSITIVE_INFINITY, md -> { });
        refused(inf, "normalizer.scale", "Infinity", "finite");
    }

    @Test
    void configClaimingAHugeWidthFailsOnShapesNotOnAllocation() {
        Path huge = tampered(t -> { }, md -> md.put("config",
                md.get("config").replace("\"input_size\":6", "\"input_size\":2000000000")));
        refused(huge, "encoder.0.weight", "expected [2000000000, 4]");
        Path wide = tampered(t -> { }, md -> md.put("config",
                md.get("config").replace("\"encoder_units\":[4,3]", "\"encoder_units\":[2147483647,3]")));
        refused(wide, "encoder.0");
    }

    @Test
    void configErrorsNameTheFile() {
        Path act = tampered(t -> { }, md -> md.put("config",
                md.get("config").replace("\"hidden_activation\":\"relu\"", "\"hidden_activation\":\"swish\"")));
        refused(act, "swish");
        Path norm = tampered(t -> { }, md -> md.put("normalization", "zscore"));
        refused(norm, "normalization 'zscore'");
    }
}
