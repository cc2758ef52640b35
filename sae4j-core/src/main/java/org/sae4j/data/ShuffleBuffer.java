package org.sae4j.data;

import java.util.Arrays;
import org.sae4j.tensor.Rng;

/**
 * A bounded shuffle over rows read in order: fill the buffer, shuffle it, serve half, top it up, repeat; at
 * the end of a pass the rest is served and the next pass starts. Each refill shuffles with its own generator,
 * derived from the seed, the pass and the refill number, so the order is fixed by the seed and a cursor (the
 * buffer's row numbers, not its values) is enough to restore it.
 */
public final class ShuffleBuffer implements BatchSource {
    private final RowReader reader;
    private final long first;
    private final long passRows;
    private final boolean shuffle;
    private final long seed;
    private final int cols;
    private final int capacity;
    private final float[] data;
    private final float[] staging;
    /** Row numbers in serving order, and the slot of {@link #data} each one sits in. */
    private long[] rows;
    private int[] slots;
    private long pass;
    private long read;
    private long refill;
    private int count;
    private int served;
    private int limit;

    /** Serves rows [first, first + passRows) of {@code reader}, holding at most {@code capacity} of them. */
    public ShuffleBuffer(RowReader reader, long first, long passRows, int capacity, boolean shuffle, long seed) {
        if (passRows <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("rows " + passRows + ", capacity " + capacity);
        }
        this.reader = reader;
        this.first = first;
        this.passRows = passRows;
        this.shuffle = shuffle;
        this.seed = seed;
        this.cols = reader.cols();
        this.capacity = (int) Math.min(capacity, passRows);
        this.data = new float[this.capacity * cols];
        this.rows = new long[0];
        this.slots = new int[this.capacity];
        this.staging = new float[Math.max(cols, Math.min(this.capacity * cols, 1 << 18))];
    }

    @Override
    public String name() {
        return reader.name();
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public long epochRows() {
        return passRows;
    }

    @Override
    public void fill(float[] out, int n) {
        fill(out, n, null);
    }

    @Override
    public boolean hasOrigins() {
        return reader.hasOrigins();
    }

    /** The origins come from the reader by each served row's number, which the buffer keeps anyway for its cursor. */
    @Override
    public void fill(float[] out, int n, Origins origins) {
        if (origins != null && !reader.hasOrigins()) {
            BatchSource.super.fill(out, n, origins);
        }
        for (int i = 0; i < n; i++) {
            if (served == limit) {
                if (read == passRows) {
                    pass++;
                    read = 0;
                    refill = 0;
                    count = 0;
                    served = 0;
                }
                refill();
            }
            System.arraycopy(data, slots[served] * cols, out, i * cols, cols);
            if (origins != null) {
                reader.readOrigins(first + rows[served], 1, origins, i);
            }
            served++;
        }
    }

    /**
     * Keeps the unserved rows, reads new ones into the slots the served rows free, and shuffles the serving
     * order. Rows stay in their slots; only their row numbers and slot numbers are permuted.
     */
    private void refill() {
        int keep = count - served;
        int total = (int) Math.min(capacity, keep + passRows - read);
        long[] next = new long[total];
        int[] order = new int[capacity];
        System.arraycopy(rows, served, next, 0, keep);
        System.arraycopy(slots, served, order, 0, keep);
        // Free slots: those of the rows just served, then any never used.
        System.arraycopy(slots, 0, order, keep, served);
        for (int s = count; s < capacity; s++) {
            order[keep + served + s - count] = s;
        }
        int add = total - keep;
        for (int done = 0; done < add; ) {
            int m = Math.min(add - done, staging.length / cols);
            reader.read(first + read + done, m, staging, 0);
            for (int r = 0; r < m; r++) {
                System.arraycopy(staging, r * cols, data, order[keep + done + r] * cols, cols);
                next[keep + done + r] = read + done + r;
            }
            done += m;
        }
        read += add;
        count = total;
        served = 0;
        if (shuffle) {
            Rng rng = Rng.forPurpose(seed, "shuffle buffer " + pass + "/" + refill);
            for (int i = count - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                long t = next[i];
                next[i] = next[j];
                next[j] = t;
                int o = order[i];
                order[i] = order[j];
                order[j] = o;
            }
        }
        refill++;
        rows = next;
        slots = order;
        // Serving only half keeps rows from the next stretch of the file mixing in with these.
        limit = read == passRows ? count : Math.max(1, count / 2);
    }

    @Override
    public long[] cursor() {
        long[] c = new long[6 + count];
        c[0] = pass;
        c[1] = read;
        c[2] = refill;
        c[3] = count;
        c[4] = served;
        c[5] = limit;
        System.arraycopy(rows, 0, c, 6, count);
        return c;
    }

    @Override
    public void restore(long[] c) {
        pass = c[0];
        read = c[1];
        refill = c[2];
        count = (int) c[3];
        served = (int) c[4];
        limit = (int) c[5];
        rows = Arrays.copyOfRange(c, 6, 6 + count);
        slots = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = i;
        }
        for (int i = 0; i < count; i++) {
            reader.read(first + rows[i], 1, data, i * cols);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (Exception e) {
            // closing a reader only drops mappings
        }
    }
}
