package org.sae4j.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.InvalidInputException;

/** Reads a safetensors file: validate the whole header first, then stream each tensor into floats. */
final class SafeTensorsReader {
    /** Same cap as the reference implementation, so a corrupt length cannot make us allocate gigabytes. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final int CHUNK_BYTES = 1 << 20; // a multiple of every dtype width

    private SafeTensorsReader() {
    }

    static SafeTensorsFile read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new InvalidInputException("File '" + file + "' is " + size
                    + " bytes long; expected a safetensors file of at least 8 bytes (the header length).");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, prefix, 0);
        long headerLength = prefix.flip().getLong();
        // Unsigned on disk: a negative long is a length above 2^63.
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new InvalidInputException("File '" + file + "' declares a " + Long.toUnsignedString(headerLength)
                    + "-byte header; expected at most " + MAX_HEADER_BYTES + " bytes (is it a safetensors file?).");
        }
        if (headerLength > size - 8) {
            throw new InvalidInputException("File '" + file + "' declares a " + headerLength
                    + "-byte header but only " + (size - 8) + " bytes follow; expected a complete safetensors file.");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(ch, headerBytes, 8);
        long dataStart = 8 + headerLength;
        SafeTensorsHeader header = SafeTensorsHeader.parse(file, headerBytes.array(), size - dataStart);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (SafeTensorsHeader.Entry e : header.entries()) {
            float[] data = new float[e.numel()];
            int perChunk = CHUNK_BYTES / e.dtype().bytes();
            long pos = dataStart + e.begin();
            for (int i = 0; i < data.length; i += perChunk) {
                int n = Math.min(perChunk, data.length - i);
                chunk.clear().limit(n * e.dtype().bytes());
                readFully(ch, chunk, pos);
                chunk.flip();
                e.dtype().decode(chunk, data, i, n);
                pos += (long) n * e.dtype().bytes();
            }
            tensors.put(e.name(), new Tensor(e.dtype().name(), e.shape(), data));
        }
        return new SafeTensorsFile(file, header.metadata(), tensors);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, position);
            if (n < 0) {
                throw new EOFException("file ended at byte " + position); // shrank while we read it
            }
            position += n;
        }
    }
}
