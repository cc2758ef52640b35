package org.sae4j.cli;

import java.nio.file.Path;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Labels;
import picocli.CommandLine.Option;

/** {@code --labels [FILE]}: class labels for probing and for encode, from the data itself or from a file. */
final class LabelsOption {
    @Option(names = "--labels", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "Class labels: alone, the data's own (Fashion-MNIST and embedded have them); with FILE, one "
                    + "integer per sample from an IDX label file, a .npy or a one-column .csv.")
    String labels;

    boolean given() {
        return labels != null;
    }

    /** The data with the file's labels attached, or as it is; fails when --labels was given and none exist. */
    Dataset apply(Dataset data) {
        if (labels == null) {
            return data;
        }
        if (!labels.isEmpty()) {
            Path file;
            try {
                file = Path.of(labels);
            } catch (java.nio.file.InvalidPathException e) {
                throw new InvalidInputException("Labels file '" + labels + "' is not a valid file path.", e);
            }
            return Labels.attach(data, Labels.read(file), labels);
        }
        if (data.labels() == null) {
            throw new InvalidInputException("Data '" + data.name() + "' has no labels of its own; give --labels FILE.");
        }
        return data;
    }

    /**
     * Streamed data read into memory: {@code selected} holds rows [first, first + its rows) of data of
     * {@code totalRows} rows, and a labels file numbers all of them, so its labels are checked against the whole
     * and the same rows are taken. Streamed data has no labels of its own.
     */
    Dataset apply(Dataset selected, long totalRows, long first) {
        if (labels == null) {
            return selected;
        }
        if (labels.isEmpty()) {
            throw new InvalidInputException("Data '" + selected.name() + "' has no labels of its own; give --labels FILE.");
        }
        Path file;
        try {
            file = Path.of(labels);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException("Labels file '" + labels + "' is not a valid file path.", e);
        }
        int[] all = Labels.read(file);
        if (all.length != totalRows) {
            throw new InvalidInputException("Labels file '" + labels + "' holds " + all.length + " labels but data '"
                    + selected.name() + "' holds " + totalRows + " samples; expected one label per sample.");
        }
        int[] mine = java.util.Arrays.copyOfRange(all, (int) first, (int) first + selected.rows());
        return Labels.attach(selected, mine, labels);
    }
}
