package org.sae4j.cli;

import java.nio.file.Path;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Labels;
import picocli.CommandLine.Option;

/** {@code --labels [FILE]}: class labels for probing and for encode, from the data itself or from a file. */
final class LabelsOption {
    @Option(names = "--labels", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = {"Class labels: alone, the data's own (Fashion-MNIST and",
                    "  embedded have them); with FILE, one integer per",
                    "  sample from an IDX label file, a .npy or a",
                    "  one-column .csv."})
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
}
