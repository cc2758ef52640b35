package org.sae4j.data;

import org.sae4j.data.synthetic.SyntheticSpec;

/**
 * Data too large to load: shards on disk or the endless synthetic stream, as a training {@link BatchSource}
 * plus two small in-memory tables, a held-out validation slice that never trains and a sample of the training
 * rows to fit the normaliser on. Both are capped at {@link #SMALL_VALUES} values, so memory does not grow with
 * the data.
 */
public record StreamingData(BatchSource train, Dataset validation, Dataset sample) {
    public static final int SMALL_VALUES = 2 << 20;
    public static final int BUFFER_VALUES = 4 << 20;

    /**
     * True for sources that stream: a folder or glob of shards, one file of {@link Shards#STREAM_FILE_BYTES} or more,
     * synthetic data given a sample budget, or a {@link StreamProvider}'s spec ({@code lm:...}).
     */
    public static boolean streams(String spec, boolean sampleBudget) {
        return spec != null && (StreamProvider.looksProvided(spec) || Shards.isShardSpec(spec)
                || (sampleBudget && SyntheticSpec.matches(spec)));
    }

    /** Opens {@code spec}, holding out the last {@code validationFraction} of the rows (at most the cap). */
    public static StreamingData open(String spec, double validationFraction, boolean shuffle, long seed) {
        if (StreamProvider.looksProvided(spec)) {
            StreamProvider p = StreamProvider.find(spec);
            if (p == null) {
                throw StreamProvider.notInMemory(spec);
            }
            return p.open(spec, validationFraction, shuffle, seed);
        }
        if (SyntheticSpec.matches(spec)) {
            SyntheticSpec s = SyntheticSpec.parse(spec);
            int heldOut = (int) HoldOut.of(spec, s.samples(), validationFraction, SMALL_VALUES / s.dim()).heldOutRows();
            Dataset validation = heldOut == 0 ? null : s.stream().take(heldOut);
            SyntheticSource train = new SyntheticSource(s, spec, heldOut);
            var sampler = s.stream();
            sampler.seek(s.start() + heldOut);
            return new StreamingData(train, validation, sampler.take(Math.max(1, SMALL_VALUES / s.dim())));
        }
        return open(Shards.open(spec), spec, validationFraction, shuffle, seed);
    }

    /**
     * A transcoder's rows [x | y] streamed from two row-aligned sources of shards (stores, folders, globs, large
     * files), held out, sampled and shuffled as one table, so every input keeps its target.
     */
    public static StreamingData openPaired(String inputs, String targets, double validationFraction, boolean shuffle,
                                           long seed) {
        return open(new PairedRows(Shards.open(inputs), Shards.open(targets)), inputs, validationFraction, shuffle, seed);
    }

    private static StreamingData open(RowReader shards, String spec, double validationFraction, boolean shuffle, long seed) {
        int cols = shards.cols();
        HoldOut split = HoldOut.of(spec, shards.rows(), validationFraction, SMALL_VALUES / cols);
        long heldOut = split.heldOutRows();
        long trainRows = split.trainRows();
        Dataset validation = heldOut == 0 ? null : read(shards, trainRows, (int) heldOut, 1, spec + " (held out)");
        int sampleRows = (int) Math.min(trainRows, Math.max(1, SMALL_VALUES / cols));
        Dataset sample = read(shards, 0, sampleRows, trainRows / sampleRows, spec + " (sample)");
        int capacity = Math.max(1, BUFFER_VALUES / cols);
        return new StreamingData(new ShuffleBuffer(shards, 0, trainRows, capacity, shuffle, seed), validation, sample);
    }

    /**
     * How many of the last rows of streamed data of {@code rows} rows of {@code cols} values {@link #open} holds
     * out for a validation fraction: the fraction, capped at {@link #SMALL_VALUES} values. Commands that score
     * "the rows train held out" of a folder use it to find the very same rows.
     */
    public static long heldOutRows(long rows, int cols, double validationFraction) {
        return HoldOut.of("data", rows, validationFraction, SMALL_VALUES / cols).heldOutRows();
    }

    /** Rows first, first + stride, ... into memory (an even sample of the file, not just its start). */
    private static Dataset read(RowReader reader, long first, int rows, long stride, String name) {
        float[] v = new float[rows * reader.cols()];
        for (int i = 0; i < rows; i++) {
            reader.read(first + i * stride, 1, v, i * reader.cols());
        }
        return new Dataset(name, v, rows, reader.cols());
    }
}
