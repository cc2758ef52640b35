package org.sae4j.lm.capture;

import org.sae4j.InvalidInputException;

/**
 * How text becomes rows: {@code context} tokens per model input (special tokens included), {@code batch} windows per
 * model run, whether the special tokens' rows are kept, the norm-outlier cut (0 for none), the store's element
 * type and rows per shard, whether the graph is pruned to the hooks, and ONNX Runtime's thread count.
 */
public record CaptureSettings(int context, int batch, boolean keepSpecial, double maxNormRatio, String dtype, int shardRows,
                              boolean prune, int threads) {
    public static final int DEFAULT_CONTEXT = 128;
    public static final int DEFAULT_BATCH = 32;
    public static final int DEFAULT_SHARD_ROWS = 65_536;

    public CaptureSettings {
        if (context < 2) {
            throw new InvalidInputException("--context is " + context + "; expected at least 2 tokens per window.");
        }
        if (batch < 1) {
            throw new InvalidInputException("--batch is " + batch + "; expected at least 1 window per model run.");
        }
        if (!(maxNormRatio == 0 || maxNormRatio > 1) || Double.isNaN(maxNormRatio)) {
            throw new InvalidInputException("--max-norm-ratio is " + maxNormRatio + "; expected a ratio above 1 (or 0 for none).");
        }
        if (shardRows < 1) {
            throw new InvalidInputException("--shard-rows is " + shardRows + "; expected at least 1.");
        }
        if (threads < 1) {
            throw new InvalidInputException("--threads is " + threads + "; expected at least 1.");
        }
    }

    /** The defaults: context 128, batch 32, special tokens dropped, no norm cut, F32, pruned, one thread per core. */
    public static CaptureSettings defaults() {
        return new CaptureSettings(DEFAULT_CONTEXT, DEFAULT_BATCH, false, 0, "F32", DEFAULT_SHARD_ROWS, true,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Windows encoded together: whole documents until at least 8 batches. The norm cut's median is taken over a chunk,
     * so every path that turns text into rows (a store, a training stream, a cluster's partition) cuts chunks this way.
     */
    public int chunkWindows() {
        return batch * 8;
    }

    /** These settings with another context. */
    public CaptureSettings withContext(int c) {
        return new CaptureSettings(c, batch, keepSpecial, maxNormRatio, dtype, shardRows, prune, threads);
    }
}
