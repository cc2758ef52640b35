package org.sae4j.cli;

import java.util.function.UnaryOperator;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import picocli.CommandLine.Option;

/** The {@code --data} and {@code --limit} options shared by every command that reads samples. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "embedded",
            description = {"embedded: 10,000 Fashion-MNIST test images inside",
                    "  sae4j (default of train, encode, sweep, bench);",
                    "embedded-held-out: their last 1,000, which train",
                    "  holds out (default of eval and report);",
                    "fashion-mnist: 60,000 training images (Debian's",
                    "  dataset-fashion-mnist); fashion-mnist-test;",
                    "or a file: IDX (raw or .gz), .csv or .npy."})
    String source;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N samples.")
    Integer limit;

    /** The data's width when known before loading (named sources), else 1; see {@link DataSources#widthHint}. */
    int widthHint() {
        return DataSources.widthHint(source);
    }

    Dataset load() {
        return load(source, UnaryOperator.identity());
    }

    /** As {@link #load()}, with {@code labels} applied before --limit (so a labels file matches the whole data). */
    Dataset load(UnaryOperator<Dataset> labels) {
        return load(source, labels);
    }

    /** As {@link #load()}, but {@code fallback} when --data was not given (eval and report score held-out rows). */
    Dataset loadOr(String fallback, picocli.CommandLine.Model.CommandSpec spec) {
        return loadOr(fallback, spec, UnaryOperator.identity());
    }

    Dataset loadOr(String fallback, picocli.CommandLine.Model.CommandSpec spec, UnaryOperator<Dataset> labels) {
        return load(spec.commandLine().getParseResult().hasMatchedOption("--data") ? source : fallback, labels);
    }

    private Dataset load(String chosen, UnaryOperator<Dataset> labels) {
        Dataset data = labels.apply(DataSources.resolve(chosen));
        if (limit != null) {
            if (limit <= 0) {
                throw new org.sae4j.InvalidInputException("--limit is " + limit + "; expected a positive number of samples.");
            }
            data = data.limit(limit);
        }
        return data;
    }
}
