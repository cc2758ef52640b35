package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.format.NpyHeader;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;
import org.sae4j.InvalidInputException;

/** Hand-built file bytes, so each malformed case is exactly the defect it names. */
public final class Fixtures {
    private Fixtures() {
    }

    /** An IDX header (magic, type code, big-endian dims) followed by {@code payload}. */
    public static byte[] idx(int typeCode, int[] dims, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + payload.length).order(ByteOrder.BIG_ENDIAN);
        buf.put((byte) 0).put((byte) 0).put((byte) typeCode).put((byte) dims.length);
        for (int d : dims) {
            buf.putInt(d);
        }
        return buf.put(payload).array();
    }

    static byte[] ubytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] floatsBigEndian(float... values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.BIG_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A .npy file of the given version whose header dict is {@code dict} verbatim (plus a newline). */
    public static byte[] npy(int major, String dict, byte[] payload) {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer buf = ByteBuffer.allocate(8 + lengthBytes + header.length + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(NpyHeader.magic()).put((byte) major).put((byte) 0);
        if (major == 1) {
            buf.putShort((short) header.length);
        } else {
            buf.putInt(header.length);
        }
        return buf.put(header).put(payload).array();
    }

    static ByteBuffer little(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts a one-sentence user error that contains every fragment (file name, field, expectation). */
    public static String userError(Executable action, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        String message = e.getMessage();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "message lacks '" + fragment + "': " + message);
        }
        assertTrue(message.endsWith("."), () -> "not a sentence: " + message);
        assertTrue(!message.contains("\n"), () -> "spans lines: " + message);
        return message;
    }
}
