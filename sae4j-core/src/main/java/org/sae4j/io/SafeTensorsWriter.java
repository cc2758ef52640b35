package org.sae4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.format.SafeTensorsHeader;

/** Serialises tensors as F32 safetensors bytes, deterministically: same input, same bytes. */
final class SafeTensorsWriter {
    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensorsWriter() {
    }

    static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, t) -> shapes.put(name, t.shape()));
        out.write(SafeTensorsHeader.float32(shapes, metadata));
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
}
