package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Random rnd = new Random(42);
        float[] big = new float[300_001]; // spans several 1 MiB write/read chunks
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) rnd.nextGaussian();
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("W_enc", Tensor.f32(big, 1, 300_001));
        t.put("b_enc", Tensor.f32(new float[] {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2, 3));
        t.put("scalar", Tensor.f32(new float[] {3.5f}));
        t.put("empty", Tensor.f32(new float[0], 0, 7));
        t.put("héllo \"quoted\"", Tensor.f32(new float[] {1, 2}, 2));
        return t;
    }

    @Test
    void roundTripKeepsValuesOrderAndMetadata() {
        Map<String, Tensor> tensors = sample();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("sae4j.config", "{\"d_sae\": 16}");
        Path f = dir.resolve("sub/dir/m.safetensors");
        SafeTensors.write(f, tensors, meta);

        SafeTensorsFile read = SafeTensors.read(f);
        assertEquals(meta, read.metadata());
        assertEquals(List.of("format", "sae4j.config"), new ArrayList<>(read.metadata().keySet()));
        assertEquals(new ArrayList<>(tensors.keySet()), new ArrayList<>(read.tensors().keySet()));
        for (var e : tensors.entrySet()) {
            Tensor got = read.tensors().get(e.getKey());
            assertEquals("F32", got.dtype());
            assertArrayEquals(e.getValue().shape(), got.shape());
            assertEquals(e.getValue(), got); // bitwise, so -0.0 vs 0.0 is caught
        }
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(read.require("b_enc").data()[0]));
        assertEquals(tensors, read.tensors());
    }

    @Test
    void writingTwiceGivesIdenticalBytes() throws Exception {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        SafeTensors.write(a, sample(), Map.of("k", "v"));
        SafeTensors.write(b, sample(), Map.of("k", "v"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        SafeTensors.write(a, sample(), Map.of("k", "v")); // overwriting an existing file
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void headerIsPaddedJsonWithMetadataFirstAndContiguousOffsets() throws Exception {
        for (int nameLength = 1; nameLength <= 16; nameLength++) {
            Map<String, Tensor> t = new LinkedHashMap<>();
            t.put("x".repeat(nameLength), Tensor.f32(new float[] {1, 2, 3}, 3));
            t.put("y", Tensor.f32(new float[] {4, 5}, 1, 2));
            Path f = dir.resolve("h" + nameLength + ".safetensors");
            SafeTensors.write(f, t, Map.of("format", "pt"));

            byte[] bytes = Files.readAllBytes(f);
            long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, n % 8, "header length must be a multiple of 8");
            assertEquals(8 + n + 5 * 4, bytes.length);
            String header = new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"},"), header);
            JsonNode json = new ObjectMapper().readTree(header);
            assertEquals("[0,12]", json.get("x".repeat(nameLength)).get("data_offsets").toString());
            assertEquals("[12,20]", json.get("y").get("data_offsets").toString());
            assertEquals("[1,2]", json.get("y").get("shape").toString());
            assertEquals("F32", json.get("y").get("dtype").asText());
        }
    }

    @Test
    void noMetadataWritesNoMetadataKey() throws Exception {
        Path f = dir.resolve("n.safetensors");
        SafeTensors.write(f, Map.of("a", Tensor.f32(new float[] {1}, 1)));
        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!text.contains("__metadata__"));
        assertEquals(Map.of(), SafeTensors.read(f).metadata());
    }
}
