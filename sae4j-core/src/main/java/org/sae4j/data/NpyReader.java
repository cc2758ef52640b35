package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.sae4j.InvalidInputException;

/**
 * Reads numpy .npy files (format versions 1.0 to 3.0) of a plain numeric dtype into a float matrix.
 * A 1-D array becomes one column; 3-D and higher flatten their trailing axes into features, as the
 * IDX reader does, so an (N, 28, 28) image stack reads as N x 784.
 */
public final class NpyReader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The six bytes every .npy file starts with (a copy: arrays cannot be made read-only). */
    public static byte[] magic() {
        return MAGIC.clone();
    }
    private static final String ACCEPTED = "'<f4', '<f8', '<f2', '|u1', '<i4' or '<i8'";

    private NpyReader() {
    }

    public static Dataset read(Path path) {
        String name = path.toString();
        try (InputStream in = DataFiles.open(path)) {
            return read(in, name);
        } catch (IOException e) {
            throw DataFiles.unreadable(name, e);
        }
    }

    /** As {@link #read(Path)} for any stream; {@code name} is used in errors and as the dataset name. */
    public static Dataset read(InputStream in, String name) throws IOException {
        NpyHeader header = NpyHeader.parse(headerText(in, name), name);
        NumberType type = dtype(header.descr(), name);
        // Row-major bytes are what we index; fortran order would silently transpose the data.
        if (header.fortranOrder()) {
            throw new InvalidInputException("File '" + name + "' is stored in Fortran order; expected C order "
                    + "(save numpy.ascontiguousarray(a) instead).");
        }
        long[] shape = header.shape();
        if (shape.length == 0) {
            throw new InvalidInputException("File '" + name + "' holds a single scalar; expected a 1-D or 2-D array.");
        }
        long rows = shape[0];
        long cols = 1;
        for (int d = 1; d < shape.length; d++) {
            cols *= shape[d];
            if (cols > Integer.MAX_VALUE) {
                break;
            }
        }
        if (rows == 0 || cols == 0) {
            throw new InvalidInputException("File '" + name + "' has shape " + shape(shape)
                    + "; expected at least one row and one column.");
        }
        if (cols > Integer.MAX_VALUE || rows > Integer.MAX_VALUE || rows * cols > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("File '" + name + "' has shape " + shape(shape)
                    + ", which is more values than fit in one array; expected at most about 2 billion.");
        }
        int count = (int) (rows * cols);
        float[] values = BinaryValues.read(in, type, ByteOrder.LITTLE_ENDIAN, count, name);
        int found = values.length;
        if (found < count) {
            throw new InvalidInputException("File '" + name + "' is truncated; expected " + count + " values of "
                    + header.descr() + " for shape " + shape(shape) + " but found " + found + ".");
        }
        if (BinaryValues.hasMore(in)) {
            throw new InvalidInputException("File '" + name + "' has extra bytes after its " + values.length
                    + " values; expected the file to end there (shape " + shape(shape) + ").");
        }
        return new Dataset(name, values, (int) rows, (int) cols);
    }

    // Package-private so NpyArray (arrays inside an .npz) shares the header handling.
    static String headerText(InputStream in, String name) throws IOException {
        byte[] preamble = in.readNBytes(8);
        if (preamble.length < 8 || !Arrays.equals(Arrays.copyOf(preamble, 6), MAGIC)) {
            throw new InvalidInputException("File '" + name + "' does not start with the .npy magic "
                    + "\\x93NUMPY; expected a file written by numpy.save.");
        }
        int major = preamble[6] & 0xff;
        int minor = preamble[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new InvalidInputException("File '" + name + "' uses .npy format version " + major + "." + minor
                    + "; expected 1.0, 2.0 or 3.0.");
        }
        // Version 1 stores the header length in 2 bytes; 2 and 3 widened it to 4.
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lenBytes = in.readNBytes(lengthBytes);
        if (lenBytes.length < lengthBytes) {
            throw truncatedHeader(name);
        }
        ByteBuffer len = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        long length = major == 1 ? len.getShort() & 0xffff : len.getInt() & 0xffffffffL;
        if (length > 1 << 20) {
            throw new InvalidInputException("File '" + name + "' declares a " + length
                    + "-byte .npy header; expected a few hundred bytes at most.");
        }
        byte[] text = in.readNBytes((int) length);
        if (text.length < length) {
            throw truncatedHeader(name);
        }
        return new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static InvalidInputException truncatedHeader(String name) {
        return new InvalidInputException("File '" + name + "' ends inside its .npy header; expected a complete header.");
    }

    static NumberType dtype(String descr, String name) {
        return switch (descr) {
            case "<f4" -> NumberType.FLOAT32;
            case "<f8" -> NumberType.FLOAT64;
            case "<f2" -> NumberType.FLOAT16; // widened exactly to float32
            case "|u1" -> NumberType.UINT8;
            case "<i4" -> NumberType.INT32;
            case "<i8" -> NumberType.INT64;
            default -> throw new InvalidInputException("File '" + name + "' has dtype " + descr
                    + "; expected one of " + ACCEPTED + " (convert with a.astype('float32')).");
        };
    }

    static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int d = 0; d < shape.length; d++) {
            sb.append(d == 0 ? "" : ", ").append(shape[d]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
