package org.sae4j.eval.latents;

/**
 * The {@code n} largest activations of every latent and the rows they came from, kept in one streaming pass:
 * one bounded min-heap per latent (its smallest kept entry at the root), so memory is width × n whatever the
 * number of rows, and the dense rows × width activation matrix never exists. Only firing activations (> 0)
 * are kept. Ties keep the earlier row, so the result equals sorting all (value descending, row ascending)
 * pairs of a latent and taking the first n.
 *
 * <p>Each kept entry also owns a slot number in 0..n-1 that stays with it while the heap reorders, and that an
 * entry pushed out hands to the one replacing it: a caller keeps data beside each entry (the browser keeps the
 * example's token window) in slot-indexed arrays without moving it.
 *
 * <p>Two keepers over different rows {@link #merge} into the keeper of all the rows: the same entries as one pass
 * (the first n of the union by value descending, row ascending), whatever order the keepers merge in.
 */
public final class TopActivations implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final int n;
    private final float[] values;
    private final long[] rows;
    private final int[] slots;
    private final int[] sizes;

    /** One latent's top entries, largest activation first, with the slot each entry owns. */
    public record Top(long[] rows, float[] values, int[] slots) {
        public int count() {
            return rows.length;
        }
    }

    public TopActivations(int width, int n) {
        if (width <= 0 || n <= 0) {
            throw new IllegalArgumentException("width " + width + ", n " + n);
        }
        this.width = width;
        this.n = n;
        values = new float[Math.multiplyExact(width, n)];
        rows = new long[values.length];
        slots = new int[values.length];
        sizes = new int[width];
    }

    public int width() {
        return width;
    }

    /** Entries kept per latent. */
    public int n() {
        return n;
    }

    /** Offers activation {@code value} of {@code latent} on data row {@code row}; rows must be offered in order. */
    public void offer(int latent, long row, float value) {
        offerSlot(latent, row, value);
    }

    /**
     * As {@link #offer}, returning the slot (0..n-1) the entry now owns when it was kept, or -1 when it was not;
     * the slot's previous owner, if any, is no longer kept.
     */
    public int offerSlot(int latent, long row, float value) {
        if (!(value > 0)) {
            return -1;
        }
        int base = latent * n;
        int size = sizes[latent];
        if (size < n) {
            values[base + size] = value;
            rows[base + size] = row;
            slots[base + size] = size;
            sizes[latent] = size + 1;
            int slot = size;
            siftUp(base, size);
            return slot;
        } else if (value > values[base]) {
            // Strictly larger only: an equal value from a later row loses the tie to the kept earlier row.
            values[base] = value;
            rows[base] = row;
            int slot = slots[base];
            siftDown(base, n);
            return slot;
        }
        return -1;
    }

    /**
     * Adds {@code other}'s kept entries (the same width and n, other rows) to these: each latent keeps the first n
     * of both by value descending, row ascending, as one pass over all the rows would. Slots of merged entries are
     * reassigned; the data a caller kept beside them stays with {@code other}.
     */
    public void merge(TopActivations other) {
        if (other.width != width || other.n != n) {
            throw new IllegalArgumentException("top " + other.n + " of " + other.width + " merged into top " + n + " of " + width);
        }
        for (int latent = 0; latent < width; latent++) {
            int ob = latent * n;
            for (int i = 0; i < other.sizes[latent]; i++) {
                insert(latent, other.rows[ob + i], other.values[ob + i]);
            }
        }
    }

    /** Keeps (row, value) if it ranks among the first n: ties on value go to the earlier row, in any order. */
    private void insert(int latent, long row, float value) {
        int base = latent * n;
        int size = sizes[latent];
        if (size < n) {
            values[base + size] = value;
            rows[base + size] = row;
            slots[base + size] = size;
            sizes[latent] = size + 1;
            siftUp(base, size);
        } else if (value > values[base] || (value == values[base] && row < rows[base])) {
            values[base] = value;
            rows[base] = row;
            siftDown(base, n);
        }
    }

    /** The kept entries of {@code latent}, largest first (earlier row first on ties). */
    public Top top(int latent) {
        int base = latent * n;
        int size = sizes[latent];
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = base + i;
        }
        java.util.Arrays.sort(order, (a, b) -> worse(a, b) ? 1 : worse(b, a) ? -1 : 0);
        long[] r = new long[size];
        float[] v = new float[size];
        int[] s = new int[size];
        for (int i = 0; i < size; i++) {
            r[i] = rows[order[i]];
            v[i] = values[order[i]];
            s[i] = slots[order[i]];
        }
        return new Top(r, v, s);
    }

    /** Whether entry a ranks below entry b: a smaller value, or the same value from a later row. */
    private boolean worse(int a, int b) {
        return values[a] < values[b] || (values[a] == values[b] && rows[a] > rows[b]);
    }

    private void siftUp(int base, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(base + i, base + parent)) {
                return;
            }
            swap(base + i, base + parent);
            i = parent;
        }
    }

    private void siftDown(int base, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < size && worse(base + l, base + m)) {
                m = l;
            }
            if (r < size && worse(base + r, base + m)) {
                m = r;
            }
            if (m == i) {
                return;
            }
            swap(base + i, base + m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        float v = values[a];
        values[a] = values[b];
        values[b] = v;
        long r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
        int s = slots[a];
        slots[a] = slots[b];
        slots[b] = s;
    }
}
