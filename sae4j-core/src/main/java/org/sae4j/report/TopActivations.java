package org.sae4j.report;

/**
 * The {@code n} largest activations of every latent and the rows they came from, kept in one streaming pass:
 * one bounded min-heap per latent (its smallest kept entry at the root), so memory is width × n whatever the
 * number of rows, and the dense rows × width activation matrix never exists. Only firing activations (> 0)
 * are kept. Ties keep the earlier row, so the result equals sorting all (value descending, row ascending)
 * pairs of a latent and taking the first n.
 */
public final class TopActivations {
    private final int width;
    private final int n;
    private final float[] values;
    private final long[] rows;
    private final int[] sizes;

    /** One latent's top entries, largest activation first. */
    public record Top(long[] rows, float[] values) {
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
        sizes = new int[width];
    }

    public int width() {
        return width;
    }

    /** Offers activation {@code value} of {@code latent} on data row {@code row}; rows must be offered in order. */
    public void offer(int latent, long row, float value) {
        if (!(value > 0)) {
            return;
        }
        int base = latent * n;
        int size = sizes[latent];
        if (size < n) {
            values[base + size] = value;
            rows[base + size] = row;
            sizes[latent] = size + 1;
            siftUp(base, size);
        } else if (value > values[base]) {
            // Strictly larger only: an equal value from a later row loses the tie to the kept earlier row.
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
        for (int i = 0; i < size; i++) {
            r[i] = rows[order[i]];
            v[i] = values[order[i]];
        }
        return new Top(r, v);
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
    }
}
