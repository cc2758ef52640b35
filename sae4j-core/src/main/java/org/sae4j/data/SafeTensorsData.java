package org.sae4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sae4j.InvalidInputException;
import org.sae4j.format.BinaryValues;
import org.sae4j.format.NumberType;
import org.sae4j.format.SafeTensorsHeader;

/**
 * Reads one 2-D tensor [samples, features] of a .safetensors file (F32, F16, BF16 or F64) as a dataset:
 * the only tensor, or the one named in {@code file.safetensors:NAME}.
 *
 * <p>The header is format/'s, shared with the model files; unlike a model file, an activations file may hold
 * several large tensors of which we want one, so only that tensor's entry is checked (header length, offsets
 * within the file, bytes = shape x width) and streamed, and the whole-file layout is left to the model reader.
 */
public final class SafeTensorsData {
    /** Float types only: an integer tensor beside the activations (token ids) is not data to train on. */
    private static final List<NumberType> TYPES =
            List.of(NumberType.FLOAT32, NumberType.FLOAT16, NumberType.BFLOAT16, NumberType.FLOAT64);

    private SafeTensorsData() {
    }

    /**
     * Where a 2-D tensor's values lie in a safetensors file, checked against the file's size without reading
     * them: what both {@link #read} and the streamed shards need.
     *
     * @param dataOffset byte position of the first value in the file
     */
    record Layout(String label, String tensor, NumberType type, long rows, long cols, long dataOffset) {
    }

    /** The layout of tensor {@code tensor} of {@code path}, or of its only tensor when {@code tensor} is null. */
    static Layout locate(Path path, String tensor) {
        DataFiles.requireFile(path);
        String file = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            SafeTensorsHeader header = SafeTensorsHeader.read(file, ch);
            String name = choose(file, header.names(), tensor);
            // Shards stream, so a tensor may hold more values than one array: only a long bounds it.
            SafeTensorsHeader.Entry e = header.entry(name, TYPES, Long.MAX_VALUE);
            long[] shape = e.shape();
            if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
                throw new InvalidInputException("Tensor '" + name + "' in file '" + file + "' has shape "
                        + Arrays.toString(shape) + "; expected two dimensions [samples, features], each at least 1.");
            }
            String label = tensor == null ? file : file + ":" + name;
            return new Layout(label, name, e.type(), shape[0], shape[1], header.dataStart() + e.begin());
        } catch (IOException ex) {
            throw DataFiles.unreadable(file, ex);
        }
    }

    /** Reads the tensor {@code tensor} of {@code path}, or its only tensor when {@code tensor} is null. */
    public static Dataset read(Path path, String tensor) {
        Layout l = locate(path, tensor);
        String file = path.toString();
        if (l.cols() > Integer.MAX_VALUE || l.rows() > (Integer.MAX_VALUE - 8) / l.cols()) {
            throw new InvalidInputException("Tensor '" + l.tensor() + "' in file '" + file + "' has shape [" + l.rows()
                    + ", " + l.cols() + "], which is more values than fit in one array; expected at most about 2 billion"
                    + " (a folder of shards streams instead).");
        }
        float[] values = new float[(int) (l.rows() * l.cols())];
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(ch.position(l.dataOffset()));
            if (BinaryValues.readInto(new BufferedInputStream(in, 1 << 16), l.type(), ByteOrder.LITTLE_ENDIAN,
                    values) < values.length) {
                throw new InvalidInputException("File '" + file + "' ended inside tensor '" + l.tensor()
                        + "'; expected a complete file.");
            }
        } catch (IOException ex) {
            throw DataFiles.unreadable(file, ex);
        }
        return new Dataset(l.label(), values, (int) l.rows(), (int) l.cols());
    }

    private static String choose(String file, Set<String> names, String tensor) {
        String listed = names.stream().limit(20).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        if (names.isEmpty()) {
            throw new InvalidInputException("File '" + file + "' holds no tensors; expected a 2-D tensor of samples.");
        }
        if (tensor != null) {
            if (!names.contains(tensor)) {
                throw new InvalidInputException("File '" + file + "' has no tensor '" + tensor
                        + "'; expected one of " + listed + ".");
            }
            return tensor;
        }
        if (names.size() > 1) {
            throw new InvalidInputException("File '" + file + "' holds " + names.size() + " tensors (" + listed
                    + "); expected one, or name it as '" + file + ":NAME'.");
        }
        return names.iterator().next();
    }
}
