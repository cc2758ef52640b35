package org.sae4j.cli;

import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import picocli.CommandLine.Option;

/** The {@code --data} and {@code --limit} options shared by every command that reads samples. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "embedded",
            description = {"embedded (default: the 10,000 Fashion-MNIST test images shipped inside sae4j),",
                    "fashion-mnist (60,000 training images from Debian's dataset-fashion-mnist),",
                    "fashion-mnist-test, or a file: IDX (raw or .gz), .csv or .npy."})
    String source;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N samples.")
    Integer limit;

    Dataset load() {
        Dataset data = DataSources.resolve(source);
        if (limit != null) {
            if (limit <= 0) {
                throw new org.sae4j.InvalidInputException("--limit is " + limit + "; expected a positive number of samples.");
            }
            data = data.limit(limit);
        }
        return data;
    }
}
