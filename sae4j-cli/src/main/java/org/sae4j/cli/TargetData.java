package org.sae4j.cli;

import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.StreamingData;
import org.sae4j.model.Model;
import org.sae4j.model.TrainingRows;
import picocli.CommandLine.Option;

/**
 * The {@code --target-data} option of {@code train} and {@code eval}: a transcoder's targets, row i the output that
 * row i of {@code --data} should produce (an MLP's output for its input). The two are joined into training rows
 * [x | y] ({@link TrainingRows}), so everything downstream (hold-out, shuffling, scaling) keeps them together.
 */
final class TargetData {
    @Option(names = "--target-data", paramLabel = "SOURCE",
            description = "A transcoder's targets: row i of SOURCE is what row i of --data should produce (same forms as "
                    + "--data; streamed with it when either streams; the same --limit and --held-out rows).")
    String source;

    boolean given() {
        return source != null;
    }

    /** The inputs alone without --target-data, else rows [x | y] of the inputs and the rows {@code data} selects of the targets. */
    Dataset pair(Dataset inputs, DataOptions data) {
        if (source == null) {
            return inputs;
        }
        return TrainingRows.pair(inputs, data.load(source, null));
    }

    /** {@link #pair} for a saved model, whose widths the inputs and targets must have; one sentence when they do not. */
    Dataset pairFor(Model m, String modelFile, Dataset inputs, DataOptions data) {
        if (m.targetSize() == 0) {
            if (source != null) {
                throw new InvalidInputException("--target-data scores a transcoder, but '" + modelFile + "' holds "
                        + m.describe() + ", which reconstructs its input; drop --target-data.");
            }
            return inputs;
        }
        if (source == null) {
            throw new InvalidInputException("'" + modelFile + "' holds " + m.describe() + ", which writes targets other "
                    + "than its input; give them with --target-data (row i the target of row i of --data).");
        }
        inputs.requireCols(m.inputSize(), "the transcoder's input (d_in)");
        Dataset targets = data.load(source, null);
        targets.requireCols(m.targetSize(), "the transcoder's output (d_out)");
        return TrainingRows.pair(inputs, targets);
    }

    /** True when the pairs stream (either side is a folder, store, glob or large file): both are read as shards. */
    boolean streams(String inputSource, boolean samples) {
        return source != null && (StreamingData.streams(inputSource, samples) || StreamingData.streams(source, samples));
    }

    /** Refuses what transcoders cannot take yet, in a sentence. */
    void requireSupported(String inputSource, boolean samples, String validationData) {
        if (source == null) {
            return;
        }
        for (String s : new String[] {inputSource, source}) {
            if (org.sae4j.data.StreamProvider.looksProvided(s) || org.sae4j.data.synthetic.SyntheticSpec.matches(s)) {
                throw new InvalidInputException("A transcoder's inputs and targets come from two row-aligned sources of "
                        + "rows; '" + s + "' is generated, not read; capture both hooks into stores with sae4j capture.");
            }
        }
        if (validationData != null) {
            throw new InvalidInputException("--validation-data has no targets to go with it; drop it, and the last "
                    + "--validation-split of the pairs are held out instead.");
        }
    }
}
