package org.sae4j.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs tasks 0 … n−1 on all cores, each thread claiming the next task as soon as it finishes one. A parallel
 * stream over the same tasks handed each of two threads fixed quarters of the work, and the helper thread
 * starts 0.3–0.4 ms late on these machines: the two threads of a 20 ms product finished 1–2 ms apart. Here the
 * calling thread starts at once and a late helper simply takes fewer tasks.
 *
 * <p>Which thread runs which task varies from run to run, so tasks must not depend on it: the kernels give
 * every output element to exactly one task, computed the same way wherever it runs.
 */
final class SharedTasks {
    private SharedTasks() {
    }

    /**
     * Runs every task once; each participating thread gets its own consumer from {@code perThread} (for scratch
     * state such as which panels it has packed) and feeds it the tasks it claims. Returns when all are done.
     */
    static void run(int tasks, long work, Supplier<IntConsumer> perThread) {
        int threads = Math.min(ParallelRows.threads(), tasks);
        if (work < ParallelRows.PARALLEL_THRESHOLD || threads < 2) {
            IntConsumer body = perThread.get();
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            IntConsumer body = null;
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                if (body == null) {
                    body = perThread.get();
                }
                body.accept(t);
            }
        };
        ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = ForkJoinPool.commonPool().submit(worker);
        }
        try {
            worker.run();
        } finally {
            for (ForkJoinTask<?> h : helpers) {
                h.join(); // a helper not started yet runs here, finds no task left and returns
            }
        }
    }
}
