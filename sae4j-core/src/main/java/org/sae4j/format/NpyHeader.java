package org.sae4j.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * The header of a .npy file (format versions 1.0 to 3.0): the magic, the version, the header length, then a Python
 * dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}. Reading it, for the
 * data readers and the streamed shards, and writing it, for {@code encode}'s output, live here together.
 *
 * @param dataOffset the byte position of the first value in the file
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape, long dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy pads the header so data starts 64-byte aligned, which lets readers memory-map it. */
    private static final int ALIGN = 64;

    public NpyHeader {
        shape = shape.clone();
    }

    /** The six bytes every .npy file starts with (a copy: arrays cannot be made read-only). */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** Reads and checks the header at the start of {@code in}, leaving the stream at the first value. */
    public static NpyHeader read(InputStream in, String name) throws IOException {
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
            throw truncated(name);
        }
        ByteBuffer len = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        long length = major == 1 ? len.getShort() & 0xffff : len.getInt() & 0xffffffffL;
        if (length > 1 << 20) {
            throw new InvalidInputException("File '" + name + "' declares a " + length
                    + "-byte .npy header; expected a few hundred bytes at most.");
        }
        byte[] text = in.readNBytes((int) length);
        if (text.length < length) {
            throw truncated(name);
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(dict, name, 8 + lengthBytes + length);
    }

    private static NpyHeader parse(String text, String name, long dataOffset) {
        Object parsed = PythonLiteral.parse(text, what -> bad(name, what));
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw bad(name, "is not a dict");
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw bad(name, "lacks one of the keys 'descr', 'fortran_order', 'shape'");
        }
        if (!(fortran instanceof Boolean f)) {
            throw bad(name, "has fortran_order " + fortran + " instead of True or False");
        }
        if (!(shape instanceof List<?> dims)) {
            throw bad(name, "has shape " + shape + " instead of a tuple");
        }
        long[] sizes = new long[dims.size()];
        for (int i = 0; i < sizes.length; i++) {
            if (!(dims.get(i) instanceof Long n) || n < 0) {
                throw bad(name, "has shape entry " + dims.get(i) + " instead of a non-negative integer");
            }
            sizes[i] = n;
        }
        // A structured dtype arrives as a list; keep its text so the caller can name it in the error.
        return new NpyHeader(descr instanceof String s ? s : String.valueOf(descr), f, sizes, dataOffset);
    }

    private static InvalidInputException bad(String name, String what) {
        return new InvalidInputException("File '" + name + "' has a .npy header that " + what
                + "; expected a dict like {'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols)}.");
    }

    private static InvalidInputException truncated(String name) {
        return new InvalidInputException("File '" + name + "' ends inside its .npy header; expected a complete header.");
    }

    /** The header numpy writes for a C-order float32 matrix: version 1.0, the dict padded with spaces and a newline. */
    public static byte[] float32Matrix(long rows, long cols) {
        return of("<f4", tuple(new long[] {rows, cols}));
    }

    /** The same for any dtype {@code descr} (e.g. "&lt;i8", "|S3") and shape tuple text (e.g. "(5,)", "()"). */
    public static byte[] of(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int prefix = MAGIC.length + 2 + 2;
        int total = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        String padded = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded.length());
        buf.put(padded.getBytes(StandardCharsets.US_ASCII));
        return buf.array();
    }

    /** The shape as numpy prints it: (3, 4), and (3,) for one dimension. */
    public static String tuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int d = 0; d < shape.length; d++) {
            sb.append(d == 0 ? "" : ", ").append(shape[d]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    // Records compare arrays by identity and print them whole.
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && descr.equals(h.descr) && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape) && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return 31 * descr.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + descr + " " + tuple(shape) + (fortranOrder ? " fortran" : "") + " at " + dataOffset + "]";
    }
}
