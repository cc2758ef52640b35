package org.sae4j.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Serialises tensors as F32 safetensors bytes, deterministically: same input, same bytes. */
final class SafeTensorsWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensorsWriter() {
    }

    static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(len.array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = chunk.asFloatBuffer();
        for (Tensor t : tensors.values()) {
            float[] data = t.data();
            // Bulk conversion through a reused little-endian buffer: per-float stream calls are ~10x slower.
            for (int i = 0; i < data.length; i += floats.capacity()) {
                int n = Math.min(floats.capacity(), data.length - i);
                floats.clear();
                floats.put(data, i, n);
                out.write(chunk.array(), 0, n * Float.BYTES);
            }
        }
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes so the data buffer is 8-byte aligned. */
    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Layout> layouts = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            layouts.add(new Layout(e.getKey(), DType.F32, e.getValue().shape()));
        }
        return header(layouts, metadata);
    }

    /** A tensor as the header describes it, for writers that stream data they do not hold. */
    record Layout(String name, DType dtype, long... shape) {
        long bytes() {
            return Tensor.numel(shape) * dtype.bytes();
        }
    }

    /** The header of tensors laid out back to back in the given order. */
    static byte[] header(List<Layout> tensors, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(SafeTensorsHeader.METADATA_KEY);
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Layout t : tensors) {
                long end = offset + t.bytes();
                g.writeObjectFieldStart(t.name());
                g.writeStringField("dtype", t.dtype().name());
                g.writeFieldName("shape");
                g.writeArray(t.shape(), 0, t.shape().length);
                g.writeFieldName("data_offsets");
                g.writeArray(new long[] {offset, end}, 0, 2);
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        }
        int pad = (8 - bytes.size() % 8) % 8;
        byte[] spaces = new byte[pad];
        Arrays.fill(spaces, (byte) ' ');
        bytes.write(spaces);
        return bytes.toByteArray();
    }
}
