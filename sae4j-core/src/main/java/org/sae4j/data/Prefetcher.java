package org.sae4j.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * Reads batches on a background thread while the caller trains on earlier ones. One thread fills the batches
 * in step order, so the data order never depends on timing; the cursor after a batch is taken only for the
 * steps that will be checkpointed. It records how long the caller waited for data.
 */
public final class Prefetcher implements AutoCloseable {
    /** Rows {@code x[0, rows * cols)}, and the source's cursor after them (null unless asked for). */
    public record Batch(float[] x, int rows, long[] cursor) {
    }

    private record Failure(RuntimeException error) {
    }

    private final ArrayBlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopping;
    private long waitedNanos;
    private long waits;

    /**
     * Serves steps [from, to) of {@code source}; {@code rowsAt} gives each step's batch size and
     * {@code cursorAt} the steps whose cursor is wanted.
     */
    public Prefetcher(BatchSource source, LongUnaryOperator rowsAt, long from, long to, LongPredicate cursorAt, int depth) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, depth));
        int cols = source.cols();
        this.thread = new Thread(() -> {
            try {
                for (long s = from; s < to && !stopping; s++) {
                    int n = (int) rowsAt.applyAsLong(s);
                    float[] x = new float[n * cols];
                    source.fill(x, n);
                    queue.put(new Batch(x, n, cursorAt.test(s) ? source.cursor() : null));
                }
            } catch (InterruptedException e) {
                // closed
            } catch (RuntimeException e) {
                if (!stopping) {
                    queue.offer(new Failure(e));
                }
            }
        }, "sae4j-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch, in step order; rethrows a read error (a bad value in a shard) on the caller's thread. */
    public Batch next() {
        Object o = queue.poll();
        if (o == null) {
            long start = System.nanoTime();
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for data", e);
            }
            waitedNanos += System.nanoTime() - start;
            waits++;
        }
        if (o instanceof Failure f) {
            throw f.error;
        }
        return (Batch) o;
    }

    /** Seconds the caller spent waiting because no batch was ready. */
    public double waitedSeconds() {
        return waitedNanos / 1e9;
    }

    /** How many calls to {@link #next()} found no batch ready. */
    public long waits() {
        return waits;
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
