package org.sae4j.eval.latents;

import java.util.Arrays;
import org.sae4j.format.HalfFloats;

/**
 * Every example the browser keeps, in flat arrays indexed by slot (latent × slots per latent + slot): the firing
 * row and its activation, and the window around it (up to {@code window} rows of the same document), each row's
 * token id and the latent's activation on it. Window values are stored as binary16: they only shade the tokens a
 * reader sees, and halving them is what keeps 16k latents × 120 examples × 25 tokens in a few hundred MB.
 *
 * <p>The window arrays exist from the first stored window on: a cluster's partitions keep rows and values only
 * (what they send to be merged), and the windows are gathered once the merged examples are known. Only a single
 * pass {@linkplain #ExampleSlots(long, int, boolean) tracks} the slots still waiting for their window.
 */
final class ExampleSlots implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int window;
    private final boolean tracking;
    private final long[] rows;
    private final long[] docs;
    private final float[] values;
    private final short[] before;
    private final short[] length;
    private int[] tokens;
    private short[] windowValues;
    /** Slots given a row whose window is not stored yet (a slot may repeat): filled once the next chunk is seen. */
    private int[] pending = new int[1024];
    private int pendingCount;

    /** A slot's whole content, to move examples between slots (or between partials) without aliasing. */
    record Saved(long row, long doc, float value, short before, short length, int[] tokens, short[] values) {
    }

    /** {@code slotCount} slots of windows of up to {@code window} rows; {@code tracking}: remember pending slots. */
    ExampleSlots(long slotCount, int window, boolean tracking) {
        int n = Math.toIntExact(slotCount);
        this.window = window;
        this.tracking = tracking;
        rows = new long[n];
        Arrays.fill(rows, -1);
        docs = new long[n];
        values = new float[n];
        before = new short[n];
        length = new short[n];
        if (tracking) {
            allocateWindows();
        }
    }

    private void allocateWindows() {
        if (tokens == null) {
            tokens = new int[Math.multiplyExact(rows.length, window)];
            windowValues = new short[tokens.length];
        }
    }

    int size() {
        return rows.length;
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
        if (!tracking) {
            return;
        }
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
        allocateWindows();
        docs[slot] = doc;
        before[slot] = (short) firingAt;
        length[slot] = (short) n;
        int base = slot * window;
        for (int i = 0; i < n; i++) {
            tokens[base + i] = tokenIds[i];
            windowValues[base + i] = HalfFloats.toF16(latentValues[i]);
        }
    }

    /** The content of {@code slot}. */
    Saved save(int slot) {
        int[] t = tokens == null ? new int[0] : Arrays.copyOfRange(tokens, slot * window, (slot + 1) * window);
        short[] w = tokens == null ? new short[0] : Arrays.copyOfRange(windowValues, slot * window, (slot + 1) * window);
        return new Saved(rows[slot], docs[slot], values[slot], before[slot], length[slot], t, w);
    }

    /** Puts {@code s} into {@code slot}; null empties it. */
    void restore(int slot, Saved s) {
        if (s == null) {
            rows[slot] = -1;
            length[slot] = 0;
            return;
        }
        rows[slot] = s.row();
        docs[slot] = s.doc();
        values[slot] = s.value();
        before[slot] = s.before();
        length[slot] = s.length();
        if (s.length() > 0) {
            allocateWindows();
            System.arraycopy(s.tokens(), 0, tokens, slot * window, window);
            System.arraycopy(s.values(), 0, windowValues, slot * window, window);
        } else {
            markPending(slot);
        }
    }

    /** The example in {@code slot}, its window values widened back to float. */
    Example example(int slot) {
        int n = length[slot];
        int[] t = n == 0 ? new int[0] : Arrays.copyOfRange(tokens, slot * window, slot * window + n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = HalfFloats.f16(windowValues[slot * window + i]);
        }
        return new Example(rows[slot], values[slot], docs[slot], before[slot], t, v);
    }
}
