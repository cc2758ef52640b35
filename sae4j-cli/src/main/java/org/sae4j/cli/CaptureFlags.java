package org.sae4j.cli;

import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.lm.text.Corpus;
import picocli.CommandLine.Option;

/**
 * The capture options that mean the same on one machine and on a cluster (how documents are read and windowed, what
 * a row keeps), shared by {@code sae4j capture} and {@code sae4j-spark capture} so a flag reads and is checked the
 * same on both. Like {@link SaeFlags} it references nothing beyond sae4j and picocli: the Spark jar carries it.
 */
public final class CaptureFlags {
    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text",
            description = "The .jsonl field holding the text (default ${DEFAULT-VALUE}).")
    String textField;

    @Option(names = "--context", paramLabel = "N", defaultValue = "128",
            description = "Tokens per model input, special ones included (default ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Windows per model run (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--keep-special", description = "Also write the rows of [CLS] and [SEP].")
    boolean keepSpecial;

    @Option(names = "--max-norm-ratio", paramLabel = "R", defaultValue = "0",
            description = "Drop positions whose norm exceeds R times the median of their chunk (attention sinks; default: keep all).")
    double maxNormRatio;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "F32", description = "f32 (default), f16 or bf16.")
    String dtype;

    @Option(names = "--documents", paramLabel = "N", description = "Capture only the first N documents.")
    Long documents;

    /** The documents to capture from {@code text} (the --text sources), refused in one sentence when there are none. */
    public Corpus corpus(List<String> text) {
        if (documents != null && documents < 1) {
            throw new InvalidInputException("--documents is " + documents + "; expected at least 1.");
        }
        Corpus corpus = Corpus.of(text, textField).limit(documents);
        corpus.requireSome();
        return corpus;
    }

    public int context() {
        return context;
    }

    public int batch() {
        return batch;
    }

    public boolean keepSpecial() {
        return keepSpecial;
    }

    public double maxNormRatio() {
        return maxNormRatio;
    }

    public String dtype() {
        return dtype;
    }
}
