package org.sae4j.tensor;

import java.util.stream.IntStream;

/**
 * Splits [0, rows) into contiguous blocks run in parallel when the work is large. Block edges fall on
 * multiples of {@code align}, so kernels that group rows (tiles) group them the same way whatever the
 * thread count, and results stay bit-identical.
 */
public final class ParallelRows {
    /** Below this many multiply-adds a product runs on the calling thread: forking costs more than it saves. */
    static final long PARALLEL_THRESHOLD = 1L << 18;

    public interface Body {
        void run(int from, int to);
    }

    /** Tests set this to split work as that many threads would (0: the machine's processors). */
    static volatile int threadsForTests;

    private ParallelRows() {
    }

    /** For tests outside this package: split work as {@code threads} threads would (0: the machine's). */
    public static void splitForTests(int threads) {
        threadsForTests = threads;
    }

    /** The threads work is split for: the machine's processors, or what a test asked for. */
    static int threads() {
        return threadsForTests > 0 ? threadsForTests : Runtime.getRuntime().availableProcessors();
    }

    public static void run(int rows, int align, long work, Body body) {
        int threads = threads();
        int groups = (rows + align - 1) / align;
        if (work < PARALLEL_THRESHOLD || threads == 1 || groups < 2) {
            body.run(0, rows);
            return;
        }
        int blocks = Math.min(groups, threads * 4);
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            int from = (int) ((long) groups * blk / blocks) * align;
            int to = Math.min(rows, (int) ((long) groups * (blk + 1) / blocks) * align);
            body.run(from, to);
        });
    }
}
