package org.sae4j.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.format.BinaryValues;
import org.sae4j.format.NumberType;
import org.sae4j.format.SafeTensorsHeader;

/** Reads a safetensors model file: validate the whole header and layout first, then stream each tensor into floats. */
final class SafeTensorsReader {
    /** A tensor is loaded into one float array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private SafeTensorsReader() {
    }

    static SafeTensorsFile read(Path file, FileChannel ch) throws IOException {
        SafeTensorsHeader header = SafeTensorsHeader.read(file.toString(), ch);
        Map<String, String> metadata = header.metadata();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : header.entries(NumberType.SAFETENSORS, MAX_ELEMENTS)) {
            float[] data = new float[(int) e.numel()];
            // Not closed: closing the stream would close the channel, which the caller owns.
            InputStream in = Channels.newInputStream(ch.position(header.dataStart() + e.begin()));
            if (BinaryValues.readInto(in, e.type(), ByteOrder.LITTLE_ENDIAN, data) < data.length) {
                throw new EOFException("file ended inside tensor '" + e.name() + "'"); // shrank while we read it
            }
            tensors.put(e.name(), new Tensor(e.type().safetensorsName(), e.shape(), data));
        }
        return new SafeTensorsFile(file, metadata, tensors);
    }
}
