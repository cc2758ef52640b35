package org.sae4j.lm.onnx;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf wire format, only as far as an ONNX model needs it: split a message into its fields (number, wire
 * type, and where the payload lies in the byte array, so a field can be copied unchanged), and write the few fields
 * sae4j adds. Written by hand rather than taken from protobuf-java and the ONNX schema: those would add two large
 * dependencies (and generated code) to rewrite the output list of one message, and a hand reader can keep every
 * field it does not understand as raw bytes, which is exactly what patching a model needs.
 */
public final class Proto {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LEN = 2;
    public static final int FIXED32 = 5;

    /**
     * One field of a message in {@code buf}: {@code [start, end)} is the whole field (tag included), {@code [at,
     * end)} its payload; {@code value} is the number of a varint field.
     */
    public record Field(int number, int wireType, int start, int at, int end, long value) {
        public int length() {
            return end - at;
        }
    }

    /** Thrown for bytes that are not a well-formed protobuf message; callers turn it into a sentence. */
    public static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private Proto() {
    }

    /** The fields of the message {@code buf[from, to)}, in order. */
    public static List<Field> fields(byte[] buf, int from, int to) {
        List<Field> fields = new ArrayList<>();
        int p = from;
        while (p < to) {
            int start = p;
            long[] tag = varint(buf, p, to);
            p = (int) tag[1];
            int number = (int) (tag[0] >>> 3);
            int type = (int) (tag[0] & 7);
            if (number <= 0) {
                throw new MalformedException("field number " + number + " at byte " + start);
            }
            switch (type) {
                case VARINT -> {
                    long[] v = varint(buf, p, to);
                    fields.add(new Field(number, type, start, p, (int) v[1], v[0]));
                    p = (int) v[1];
                }
                case FIXED64, FIXED32 -> {
                    int n = type == FIXED64 ? 8 : 4;
                    requireWithin(p + (long) n, to, start);
                    fields.add(new Field(number, type, start, p, p + n, 0));
                    p += n;
                }
                case LEN -> {
                    long[] len = varint(buf, p, to);
                    long end = len[1] + len[0];
                    requireWithin(end, to, start);
                    fields.add(new Field(number, type, start, (int) len[1], (int) end, 0));
                    p = (int) end;
                }
                default -> throw new MalformedException("wire type " + type + " at byte " + start);
            }
        }
        return fields;
    }

    private static void requireWithin(long end, int to, int start) {
        if (end > to || end < 0) {
            throw new MalformedException("field at byte " + start + " runs past its message");
        }
    }

    /** A varint at {@code buf[p]}: {value, position after it}. */
    private static long[] varint(byte[] buf, int p, int to) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p >= to) {
                throw new MalformedException("a number runs past its message");
            }
            byte b = buf[p++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return new long[] {v, p};
            }
        }
        throw new MalformedException("a number longer than 10 bytes");
    }

    /** The UTF-8 string a LEN field holds. */
    public static String string(byte[] buf, Field f) {
        return new String(buf, f.at(), f.length(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes a varint. */
    public static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Writes a LEN field: tag, length, payload. */
    public static void writeBytes(ByteArrayOutputStream out, int number, byte[] payload) {
        writeVarint(out, (long) number << 3 | LEN);
        writeVarint(out, payload.length);
        out.write(payload, 0, payload.length);
    }

    /** Writes a varint field. */
    public static void writeVarintField(ByteArrayOutputStream out, int number, long value) {
        writeVarint(out, (long) number << 3 | VARINT);
        writeVarint(out, value);
    }

    /** Copies a field unchanged. */
    public static void copy(ByteArrayOutputStream out, byte[] buf, Field f) {
        out.write(buf, f.start(), f.end() - f.start());
    }
}
