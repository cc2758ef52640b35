package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.sae4j.InvalidInputException;
import org.sae4j.format.BinaryValues;
import org.sae4j.format.NpyHeader;
import org.sae4j.format.NumberType;
import org.sae4j.format.Shapes;

/**
 * One numpy array of any rank read as float32, with its shape kept: the entries of an .npz archive
 * (Gemma Scope's params.npz holds W_enc, W_dec, b_enc, b_dec, threshold) are .npy streams whose rank
 * matters, unlike {@link NpyReader}'s samples-by-features view.
 */
public record NpyArray(String name, long[] shape, float[] values) {

    public NpyArray {
        shape = shape.clone();
    }

    /**
     * Reads one .npy stream of {@code streamBytes} bytes (an .npz entry's declared size). The declared shape is
     * checked against {@code streamBytes} before anything is allocated, so a corrupt header cannot ask for
     * gigabytes; {@code name} is used in errors.
     */
    public static NpyArray read(InputStream in, String name, long streamBytes) throws IOException {
        NpyHeader header = NpyHeader.read(in, name);
        NumberType type = NpyReader.dtype(header.descr(), name);
        if (header.fortranOrder()) {
            throw new InvalidInputException("File '" + name + "' is stored in Fortran order; expected C order "
                    + "(save numpy.ascontiguousarray(a) instead).");
        }
        long[] shape = header.shape();
        long numel = Shapes.numel(shape);
        if (numel < 0 || numel > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("File '" + name + "' has shape " + NpyHeader.tuple(shape)
                    + ", which is more values than fit in one array; expected at most about 2 billion.");
        }
        if (numel * type.bytes() > streamBytes) {
            throw new InvalidInputException("File '" + name + "' declares shape " + NpyHeader.tuple(shape) + " of "
                    + header.descr() + " (" + numel * type.bytes() + " bytes) but holds only " + streamBytes
                    + " bytes; expected a complete array.");
        }
        float[] values = new float[(int) numel];
        int found = BinaryValues.readInto(in, type, ByteOrder.LITTLE_ENDIAN, values);
        if (found < values.length) {
            throw new InvalidInputException("File '" + name + "' is truncated; expected " + values.length
                    + " values of " + header.descr() + " for shape " + NpyHeader.tuple(shape) + " but found " + found + ".");
        }
        if (BinaryValues.hasMore(in)) {
            throw new InvalidInputException("File '" + name + "' has extra bytes after its " + values.length
                    + " values; expected the array to end there (shape " + NpyHeader.tuple(shape) + ").");
        }
        return new NpyArray(name, shape, values);
    }

    // Records compare arrays by identity and print them whole; neither suits weight arrays.
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && name.equals(a.name) && Arrays.equals(shape, a.shape)
                && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NpyArray[" + name + " " + Arrays.toString(shape) + "]";
    }
}
