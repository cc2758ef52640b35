package org.sae4j.eval.latents;

import java.util.Arrays;
import org.sae4j.format.HalfFloats;

/**
 * Every example the browser keeps, in flat arrays indexed by slot (latent × slots per latent + slot): the firing
 * row and its activation, and the window around it (up to {@code window} rows of the same document), each row's
 * token id and the latent's activation on it. Window values are stored as binary16: they only shade the tokens a
 * reader sees, and halving them is what keeps 16k latents × 120 examples × 25 tokens in a few hundred MB.
 */
final class ExampleSlots {
    private final int window;
    private final long[] rows;
    private final long[] docs;
    private final float[] values;
    private final short[] before;
    private final short[] length;
    private final int[] tokens;
    private final short[] windowValues;
    /** Slots given a row whose window is not stored yet (a slot may repeat): filled once the next chunk is seen. */
    private int[] pending = new int[1024];
    private int pendingCount;

    ExampleSlots(long slotCount, int window) {
        int n = Math.toIntExact(slotCount);
        this.window = window;
        rows = new long[n];
        Arrays.fill(rows, -1);
        docs = new long[n];
        values = new float[n];
        before = new short[n];
        length = new short[n];
        tokens = new int[Math.multiplyExact(n, window)];
        windowValues = new short[tokens.length];
    }

    /** Bytes these arrays take, for the memory the browser reports. */
    static long bytesFor(long slots, int window) {
        return slots * (8 + 8 + 4 + 2 + 2) + slots * window * (4 + 2);
    }

    void set(int slot, long row, float value) {
        rows[slot] = row;
        values[slot] = value;
        length[slot] = 0; // the window follows once the rows after it are seen
        markPending(slot);
    }

    private void markPending(int slot) {
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = slot;
    }

    /** The slots that may still wait for their window, and forgets them. */
    int[] drainPending() {
        int[] p = Arrays.copyOf(pending, pendingCount);
        pendingCount = 0;
        if (pending.length > 1 << 16) {
            pending = new int[1024];
        }
        return p;
    }

    boolean isPending(int slot) {
        return rows[slot] >= 0 && length[slot] == 0;
    }

    long row(int slot) {
        return rows[slot];
    }

    float value(int slot) {
        return values[slot];
    }

    /** Stores the window: {@code n} rows starting {@code firingAt} rows before the firing row. */
    void window(int slot, long doc, int firingAt, int n, int[] tokenIds, float[] latentValues) {
        docs[slot] = doc;
        before[slot] = (short) firingAt;
        length[slot] = (short) n;
        int base = slot * window;
        for (int i = 0; i < n; i++) {
            tokens[base + i] = tokenIds[i];
            windowValues[base + i] = HalfFloats.toF16(latentValues[i]);
        }
    }

    void copy(int from, int to) {
        rows[to] = rows[from];
        docs[to] = docs[from];
        values[to] = values[from];
        before[to] = before[from];
        length[to] = length[from];
        System.arraycopy(tokens, from * window, tokens, to * window, window);
        System.arraycopy(windowValues, from * window, windowValues, to * window, window);
        if (length[to] == 0) {
            markPending(to);
        }
    }

    void swap(int a, int b) {
        if (a == b) {
            return;
        }
        long r = rows[a];
        long d = docs[a];
        float v = values[a];
        short bf = before[a];
        short len = length[a];
        int[] t = Arrays.copyOfRange(tokens, a * window, (a + 1) * window);
        short[] w = Arrays.copyOfRange(windowValues, a * window, (a + 1) * window);
        copy(b, a);
        rows[b] = r;
        docs[b] = d;
        values[b] = v;
        before[b] = bf;
        length[b] = len;
        System.arraycopy(t, 0, tokens, b * window, window);
        System.arraycopy(w, 0, windowValues, b * window, window);
        if (length[b] == 0) {
            markPending(b);
        }
    }

    /** The example in {@code slot}, its window values widened back to float. */
    Example example(int slot) {
        int n = length[slot];
        int[] t = Arrays.copyOfRange(tokens, slot * window, slot * window + n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = HalfFloats.f16(windowValues[slot * window + i]);
        }
        return new Example(rows[slot], values[slot], docs[slot], before[slot], t, v);
    }
}
