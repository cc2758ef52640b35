package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.sae4j.InvalidInputException;
import org.sae4j.format.BinaryValues;
import org.sae4j.format.NpyHeader;
import org.sae4j.format.NumberType;

/**
 * Reads numpy .npy files (format versions 1.0 to 3.0) of a plain numeric dtype into a float matrix.
 * A 1-D array becomes one column; 3-D and higher flatten their trailing axes into features, as the
 * IDX reader does, so an (N, 28, 28) image stack reads as N x 784.
 */
public final class NpyReader {
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
        NpyHeader header = NpyHeader.read(in, name);
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
            throw new InvalidInputException("File '" + name + "' has shape " + NpyHeader.tuple(shape)
                    + "; expected at least one row and one column.");
        }
        if (cols > Integer.MAX_VALUE || rows > Integer.MAX_VALUE || rows * cols > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("File '" + name + "' has shape " + NpyHeader.tuple(shape)
                    + ", which is more values than fit in one array; expected at most about 2 billion.");
        }
        int count = (int) (rows * cols);
        float[] values = BinaryValues.read(in, type, ByteOrder.LITTLE_ENDIAN, count, name);
        int found = values.length;
        if (found < count) {
            throw new InvalidInputException("File '" + name + "' is truncated; expected " + count + " values of "
                    + header.descr() + " for shape " + NpyHeader.tuple(shape) + " but found " + found + ".");
        }
        if (BinaryValues.hasMore(in)) {
            throw new InvalidInputException("File '" + name + "' has extra bytes after its " + values.length
                    + " values; expected the file to end there (shape " + NpyHeader.tuple(shape) + ").");
        }
        return new Dataset(name, values, (int) rows, (int) cols);
    }

    /** The element type of a .npy descr this reader accepts; NpyArray shares it. */
    static NumberType dtype(String descr, String name) {
        return NumberType.ofNpy(descr).orElseThrow(() -> new InvalidInputException("File '" + name + "' has dtype "
                + descr + "; expected one of " + ACCEPTED + " (convert with a.astype('float32'))."));
    }
}
