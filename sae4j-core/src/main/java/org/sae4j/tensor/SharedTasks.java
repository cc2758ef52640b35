package org.sae4j.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
 *
 * <p>The other cores' share runs on dedicated daemon helper threads that spin for {@link #SPIN_NS} after each
 * product before they park, as OpenBLAS's threads do: a parked pool worker (these machines' idle virtual
 * CPUs halt) is slow to wake, and back-to-back products then start on one core. Measured on the
 * 1024×784×4096 product, two cores: +3% (in-process A/B, 16 alternating rounds) over the common pool.
 */
final class SharedTasks {
    /** How long an idle helper spins before it parks: back-to-back products find it awake. */
    private static final long SPIN_NS = 500_000L;

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
        if (Helpers.run(worker, threads - 1)) {
            return;
        }
        // Another product holds the helpers (products called from several threads at once): the shared pool.
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

    /** Dedicated helper threads that spin a little after each job, so the next product starts on all cores. */
    private static final class Helpers {
        private static final AtomicBoolean BUSY = new AtomicBoolean();
        private static Helper[] pool = new Helper[0];

        static boolean run(Runnable worker, int count) {
            if (!BUSY.compareAndSet(false, true)) {
                return false; // another product is using them (concurrent or nested call)
            }
            try {
                if (pool.length < count) {
                    Helper[] grown = java.util.Arrays.copyOf(pool, count);
                    for (int i = pool.length; i < count; i++) {
                        grown[i] = new Helper(i);
                    }
                    pool = grown;
                }
                for (int i = 0; i < count; i++) {
                    pool[i].offer(worker);
                }
                Throwable error = null;
                try {
                    worker.run();
                } catch (Throwable t) {
                    error = t;
                }
                for (int i = 0; i < count; i++) {
                    Throwable e = pool[i].finish(worker);
                    if (error == null) {
                        error = e;
                    }
                }
                if (error instanceof RuntimeException re) {
                    throw re;
                }
                if (error instanceof Error er) {
                    throw er;
                }
                if (error != null) {
                    throw new IllegalStateException(error);
                }
                return true;
            } finally {
                BUSY.set(false);
            }
        }
    }

    private static final class Helper implements Runnable {
        private final AtomicReference<Runnable> job = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean done;
        private volatile Throwable error;

        Helper(int index) {
            thread = new Thread(this, "sae4j-product-helper-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void offer(Runnable worker) {
            done = false;
            error = null;
            job.set(worker);
            LockSupport.unpark(thread);
        }

        /** Waits for the helper to finish the job, or takes it back if the helper never started it. */
        Throwable finish(Runnable worker) {
            if (job.compareAndSet(worker, null)) {
                return null;
            }
            while (!done) {
                Thread.onSpinWait();
            }
            return error;
        }

        @Override
        public void run() {
            long spinUntil = System.nanoTime() + SPIN_NS;
            while (true) {
                // A plain read while idle: a locked exchange on every spin would contend with the caller.
                Runnable w = job.get() == null ? null : job.getAndSet(null);
                if (w == null) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                try {
                    w.run();
                } catch (Throwable t) {
                    error = t;
                }
                done = true;
                spinUntil = System.nanoTime() + SPIN_NS;
            }
        }
    }
}
