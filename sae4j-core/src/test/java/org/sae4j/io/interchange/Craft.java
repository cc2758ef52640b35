package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;

/** Test inputs built by hand (not by our writer), and the one-sentence error check. */
final class Craft {
    private Craft() {
    }

    /** One tensor for {@link #safetensors}: its dtype (F32, F16 or BF16), shape and values. */
    record T(String dtype, long[] shape, float[] values) {
        static T f32(float[] v, long... shape) {
            return new T("F32", shape, v);
        }
    }

    /** A safetensors file written byte by byte, so readers are not only checked against our own writer. */
    static Path safetensors(Path file, Map<String, T> tensors) {
        StringBuilder header = new StringBuilder("{");
        int offset = 0;
        ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, T> e : tensors.entrySet()) {
            T t = e.getValue();
            for (float v : t.values()) {
                switch (t.dtype()) {
                    case "F32" -> data.putFloat(v);
                    case "F16" -> data.putShort(half(v));
                    case "BF16" -> data.putShort(bf16(v));
                    default -> throw new IllegalArgumentException(t.dtype());
                }
            }
            int end = data.position();
            header.append(header.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":{\"dtype\":\"")
                    .append(t.dtype()).append("\",\"shape\":").append(java.util.Arrays.toString(t.shape()))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] h = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(data.array(), 0, offset);
        return write(file, out.array());
    }

    /** binary16 bits of a float that binary16 holds exactly (normal numbers and zero only). */
    static short half(float v) {
        if (v == 0f) {
            return (short) (Float.floatToRawIntBits(v) >>> 16);
        }
        int bits = Float.floatToRawIntBits(v);
        int exp = ((bits >>> 23) & 0xff) - 112;
        assertTrue(exp > 0 && exp < 31 && (bits & 0x1fff) == 0, () -> v + " is not exact in binary16");
        return (short) (((bits >>> 16) & 0x8000) | (exp << 10) | ((bits >>> 13) & 0x3ff));
    }

    /** bfloat16 bits of a float that bfloat16 holds exactly. */
    static short bf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        assertEquals(0, bits & 0xffff, () -> v + " is not exact in bfloat16");
        return (short) (bits >>> 16);
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Values that are multiples of 1/64 in [-2, 2): exact in float32, binary16 and bfloat16 alike. */
    static float[] values(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rng.nextInt(256) - 128) / 64f;
        }
        return v;
    }

    /** A valid SAE of the given architecture with seeded weights. */
    static ExternalSae sae(String arch, int dIn, int dSae, long seed) {
        Random rng = new Random(seed);
        boolean gated = arch.equals(ExternalSae.GATED);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("hook_name", "blocks.3.hook_resid_post");
        metadata.put("model_name", "toy");
        return ExternalSae.builder(arch, dIn, dSae)
                .weights(values(rng, dIn * dSae), values(rng, dIn * dSae))
                .biases(gated ? null : values(rng, dSae), values(rng, dIn))
                .threshold(arch.equals(ExternalSae.JUMPRELU) ? positive(values(rng, dSae)) : null)
                .k(arch.equals(ExternalSae.TOPK) ? Math.min(2, dSae) : null)
                .gate(gated ? values(rng, dSae) : null, gated ? values(rng, dSae) : null, gated ? values(rng, dSae) : null)
                .log10Density(values(rng, dSae))
                .metadata(metadata)
                .source("crafted " + arch)
                .build();
    }

    private static float[] positive(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.25f;
        }
        return v;
    }

    /** Asserts a one-sentence user error containing every fragment (file name, field, expectation). */
    static String userError(Executable action, String... fragments) {
        return org.sae4j.data.Fixtures.userError(action, fragments);
    }
}
