package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;

class SafeTensorsFileTest {
    private final Tensor w = Tensor.f32(new float[6], 2, 3);
    private final SafeTensorsFile file = new SafeTensorsFile(Path.of("m.safetensors"), Map.of("format", "pt"),
            new LinkedHashMap<>(Map.of("W_dec", w)));

    @Test
    void requireReturnsMatchingTensor() {
        assertSame(w, file.require("W_dec", 2, 3));
        assertSame(w, file.require("W_dec", -1, 3));
        assertSame(w, file.require("W_dec"));
    }

    @Test
    void missingTensorNamesFileAndAlternatives() {
        var e = assertThrows(InvalidInputException.class, () -> file.require("W_enc", 3, 2));
        assertEquals("File 'm.safetensors' has no tensor 'W_enc'; expected one of 'W_dec'.", e.getMessage());
    }

    @Test
    void wrongShapeNamesBothShapes() {
        var e = assertThrows(InvalidInputException.class, () -> file.require("W_dec", 3, -1));
        assertEquals("Tensor 'W_dec' in file 'm.safetensors' has shape [2, 3]; expected [3, *].", e.getMessage());
        assertThrows(InvalidInputException.class, () -> file.require("W_dec", 6));
    }

    @Test
    void requireMetadata() {
        assertEquals("pt", file.requireMetadata("format"));
        var e = assertThrows(InvalidInputException.class, () -> file.requireMetadata("d_sae"));
        assertEquals("File 'm.safetensors' has no metadata entry 'd_sae'; expected it in the safetensors"
                + " __metadata__ header.", e.getMessage());
    }

    @Test
    void tensorValidatesShape() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.f32(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new Tensor("U8", new long[] {1}, new float[1]));
        assertEquals(1, Tensor.f32(new float[] {1}).data().length); // scalar
    }
}
