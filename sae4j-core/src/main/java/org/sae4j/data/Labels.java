package org.sae4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.InvalidInputException;

/**
 * Class labels from their own file, one integer per sample: an IDX label file (raw or .gz, as Fashion-MNIST
 * ships them), a .npy of shape (N) or (N, 1), or a one-column .csv (an optional header).
 */
public final class Labels {
    /** float holds every integer up to 2^24 exactly; larger ones would be silently rounded. */
    private static final double MAX_EXACT = 1 << 24;

    private Labels() {
    }

    public static int[] read(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("Labels file '" + path + "' does not exist.");
        }
        DataFiles.requireFile(path);
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npy")) {
            return integers(NpyReader.read(path));
        }
        if (lower.endsWith(".csv")) {
            return integers(CsvReader.read(path));
        }
        return IdxReader.readLabels(path);
    }

    /** {@code data} with {@code labels} (read from {@code source}), which must number one per row. */
    public static Dataset attach(Dataset data, int[] labels, String source) {
        if (labels.length != data.rows()) {
            throw new InvalidInputException("Labels file '" + source + "' holds " + labels.length + " labels but data '"
                    + data.name() + "' holds " + data.rows() + " samples; expected one label per sample.");
        }
        return new Dataset(data.name(), data.values(), data.rows(), data.cols(), labels);
    }

    private static int[] integers(Dataset table) {
        if (table.cols() != 1) {
            throw new InvalidInputException("Labels file '" + table.name() + "' has " + table.cols()
                    + " columns; expected one label per row.");
        }
        float[] v = table.values();
        int[] labels = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > MAX_EXACT) {
                throw new InvalidInputException("Labels file '" + table.name() + "' holds " + v[i] + " at row " + (i + 1)
                        + "; expected integer class labels.");
            }
            labels[i] = (int) v[i];
        }
        return labels;
    }
}
