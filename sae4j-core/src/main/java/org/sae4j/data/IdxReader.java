package org.sae4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.format.BinaryValues;
import org.sae4j.format.NumberType;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed. Compression is
 * detected from the content rather than the name because the datasets circulate both ways under
 * both names.
 */
public final class IdxReader {

    private IdxReader() {
    }

    /** Images: dimension 0 is the sample, all later dimensions flatten into features. */
    public static Dataset readImages(Path path) {
        try (InputStream in = DataFiles.open(path)) {
            return readImages(in, path.toString());
        } catch (IOException e) {
            throw DataFiles.unreadable(path.toString(), e);
        }
    }

    /** As {@link #readImages(Path)} for a stream (e.g. a classpath resource); {@code name} is used in errors. */
    public static Dataset readImages(InputStream in, String name) {
        Idx idx = read(in, name);
        if (idx.dims.length < 2) {
            throw new InvalidInputException("File '" + name + "' has 1 dimension (a label file?); expected an "
                    + "image file with at least 2 (samples x features).");
        }
        int rows = idx.dims[0];
        return new Dataset(name, idx.values, rows, idx.values.length / rows);
    }

    /** Labels: a 1-D file of integers, one per sample. */
    public static int[] readLabels(Path path) {
        try (InputStream in = DataFiles.open(path)) {
            return readLabels(in, path.toString());
        } catch (IOException e) {
            throw DataFiles.unreadable(path.toString(), e);
        }
    }

    public static int[] readLabels(InputStream in, String name) {
        Idx idx = read(in, name);
        if (idx.dims.length != 1) {
            throw new InvalidInputException("File '" + name + "' has " + idx.dims.length
                    + " dimensions; expected a label file with exactly 1.");
        }
        if (!idx.type.isInteger()) {
            throw new InvalidInputException("File '" + name + "' stores " + idx.type.description()
                    + " values; expected integer labels.");
        }
        int[] labels = new int[idx.values.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) idx.values[i];
        }
        return labels;
    }

    /** True when the leading bytes are a gzip or IDX magic number; lets callers dispatch on content. */
    static boolean looksLikeIdx(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return true;
        }
        return head.length >= 4 && head[0] == 0 && head[1] == 0 && NumberType.ofIdx(head[2]) != null && head[3] > 0;
    }

    private record Idx(NumberType type, int[] dims, float[] values) {
    }

    private static Idx read(InputStream raw, String name) {
        boolean gzip = false;
        try {
            InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
            byte[] head = DataFiles.peek(in, 2);
            gzip = head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            if (gzip) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return parse(in, name);
        } catch (IOException e) {
            if (gzip) {
                String why = IoErrors.reason(e);
                throw new InvalidInputException("File '" + name + "' is a damaged or truncated gzip stream ("
                        + why + "); expected a complete .gz file.", e);
            }
            throw DataFiles.unreadable(name, e);
        }
    }

    private static Idx parse(InputStream in, String name) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0) {
            throw new InvalidInputException("File '" + name + "' starts with " + hex(magic)
                    + "; expected an IDX magic number (two zero bytes, a type byte and a dimension count).");
        }
        NumberType type = NumberType.ofIdx(magic[2]);
        if (type == null) {
            throw new InvalidInputException(String.format("File '%s' has IDX type code 0x%02X; expected 0x08 "
                    + "(ubyte), 0x09 (byte), 0x0B (short), 0x0C (int), 0x0D (float) or 0x0E (double).",
                    name, magic[2] & 0xff));
        }
        int rank = magic[3] & 0xff;
        if (rank == 0) {
            throw new InvalidInputException("File '" + name + "' declares 0 dimensions; expected at least 1.");
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new InvalidInputException("File '" + name + "' ends inside its header; expected " + rank
                    + " dimension sizes (" + 4 * rank + " bytes) but found " + dimBytes.length + " bytes.");
        }
        ByteBuffer dimBuf = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = dimBuf.getInt();
            if (dims[d] <= 0) {
                throw new InvalidInputException("File '" + name + "' dimension " + (d + 1) + " has size "
                        + dims[d] + "; expected a positive size.");
            }
            count *= dims[d];
            if (count > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException("File '" + name + "' declares shape " + shape(dims, d + 1)
                        + ", which is more values than fit in one array; expected at most about 2 billion.");
            }
        }
        // IDX is big-endian throughout, data included.
        float[] values = BinaryValues.read(in, type, ByteOrder.BIG_ENDIAN, (int) count, name);
        int found = values.length;
        if (found < count) {
            throw new InvalidInputException("File '" + name + "' is truncated; expected " + count
                    + " values for shape " + shape(dims, rank) + " but found " + found + ".");
        }
        if (BinaryValues.hasMore(in)) {
            throw new InvalidInputException("File '" + name + "' has extra bytes after its " + values.length
                    + " values; expected the file to end there (shape " + shape(dims, rank) + ").");
        }
        return new Idx(type, dims, values);
    }

    private static String shape(int[] dims, int n) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < n; d++) {
            sb.append(d == 0 ? "" : " x ").append(dims[d]);
        }
        return sb.toString();
    }

    private static String hex(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing (the file is empty)";
        }
        StringBuilder sb = new StringBuilder("bytes");
        for (byte b : bytes) {
            sb.append(String.format(" %02X", b & 0xff));
        }
        return sb.toString();
    }
}
