package org.sae4j.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * Reads batches on a background thread while the caller trains on earlier ones. One thread fills the batches
 * in step order, so the data order never depends on timing; the cursor after a batch is taken only for the
 * steps that will be checkpointed. It records how long the caller waited for data.
 *
 * <p>A read error (a NaN deep in a shard, an unreadable file, even an {@link Error}) always reaches the caller:
 * it is kept in a field the caller checks, not only queued, because a full queue used to drop it and leave the
 * caller waiting for a batch that would never come. Batches read before the error are served first.
 */
public final class Prefetcher implements AutoCloseable {
    /**
     * Rows {@code x[0, rows * cols)}, the source's cursor after them (null unless asked for), and their origins (null
     * unless asked for).
     */
    public record Batch(float[] x, int rows, long[] cursor, Origins origins) {
    }

    /** How often a waiting caller looks for a failure that could not be queued. */
    private static final long CHECK_MILLIS = 100;

    private final ArrayBlockingQueue<Batch> queue;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private long waitedNanos;
    private long waits;

    /**
     * Serves steps [from, to) of {@code source}; {@code rowsAt} gives each step's batch size and
     * {@code cursorAt} the steps whose cursor is wanted.
     */
    public Prefetcher(BatchSource source, LongUnaryOperator rowsAt, long from, long to, LongPredicate cursorAt, int depth) {
        this(source, rowsAt, from, to, cursorAt, depth, false);
    }

    /**
     * As above; with {@code origins}, each batch also carries its rows' (document, position, token), read in the same
     * call as the values, so the read-ahead serves them together and in the same order.
     */
    public Prefetcher(BatchSource source, LongUnaryOperator rowsAt, long from, long to, LongPredicate cursorAt, int depth,
                      boolean origins) {
        if (origins && !source.hasOrigins()) {
            throw new IllegalArgumentException("'" + source.name() + "' has no origins");
        }
        this.queue = new ArrayBlockingQueue<>(Math.max(1, depth));
        int cols = source.cols();
        this.thread = new Thread(() -> {
            try {
                for (long s = from; s < to && !stopping; s++) {
                    int n = (int) rowsAt.applyAsLong(s);
                    float[] x = new float[n * cols];
                    Origins o = origins ? Origins.of(n) : null;
                    source.fill(x, n, o);
                    queue.put(new Batch(x, n, cursorAt.test(s) ? source.cursor() : null, o));
                }
            } catch (InterruptedException e) {
                // closed
            } catch (Throwable e) { // an Error too: a silent death would leave the caller waiting for good
                if (!stopping) {
                    failure = e;
                }
            }
        }, "sae4j-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch, in step order; rethrows a read error (a bad value in a shard) on the caller's thread. */
    public Batch next() {
        Batch b = queue.poll();
        if (b != null) {
            return b;
        }
        long start = System.nanoTime();
        try {
            while (b == null) {
                if (failure != null || !thread.isAlive()) {
                    // The producer has stopped: whatever it queued before stopping is still served first.
                    b = queue.poll();
                    if (b == null) {
                        throw stopped();
                    }
                } else {
                    b = queue.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for data", e);
        } finally {
            waitedNanos += System.nanoTime() - start;
            waits++;
        }
        return b;
    }

    /** The producer's failure as the caller should see it: a read error unchanged, anything else wrapped. */
    private RuntimeException stopped() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            return r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(f == null ? "the data reader stopped before the last batch" : f.toString(), f);
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
