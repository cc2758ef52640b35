package org.sae4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.Dataset;
import org.sae4j.format.NpyHeader;

/** Writes a float matrix as a numpy .npy file, format 1.0, dtype '<f4', C order. */
public final class NpyWriter {
    private NpyWriter() {
    }

    public static void write(Path path, Dataset data) {
        write(path, data.values(), data.rows(), data.cols());
    }

    public static void write(Path path, float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(values.length + " values do not form " + rows + " x " + cols);
        }
        try {
            AtomicFiles.write(path, out -> write(out, values, rows, cols));
        } catch (IOException e) {
            throw new InvalidInputException("File '" + path + "' could not be written (" + IoErrors.reason(e) + ").", e);
        }
    }

    public static void write(OutputStream out, float[] values, int rows, int cols) throws IOException {
        out.write(NpyHeader.float32Matrix(rows, cols));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        out.write(buf.array(), 0, buf.position());
    }
}
