package org.sae4j.eval.latents;

import java.util.ArrayList;
import java.util.List;

/**
 * Uniform samples of examples, {@code groups} per latent of up to {@code k} examples each, kept in a range of
 * {@link ExampleSlots}: group g of latent l owns slots {@code l·slotsPerLatent + offset + g·k + 0..k-1}. A group
 * keeps the examples of smallest {@link SampleKey} among those offered to it (bottom-k sampling), so it is a
 * uniform sample without replacement of its examples, it depends on which rows were offered and not on their
 * order, and two groups merge exactly ({@link #fold}, {@link #merge}): the sample of the union is the smallest k
 * keys of the two samples. The delphi quantile sample is one group per latent; {@link IntervalSamples} has one per
 * interval. The largest kept key of each full group is cached, so an example that does not enter costs one hash.
 */
final class Reservoirs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int groups;
    private final int k;
    private final int slotsPerLatent;
    private final int offset;
    private final long seed;
    private final long[] counts;
    /** Per full group, the position (0..k-1) of its largest key, and that key. */
    private final int[] worst;
    private final long[] worstKey;

    Reservoirs(int width, int groups, int k, int slotsPerLatent, int offset, long seed) {
        this.groups = groups;
        this.k = k;
        this.slotsPerLatent = slotsPerLatent;
        this.offset = offset;
        this.seed = seed;
        this.counts = new long[Math.multiplyExact(width, groups)];
        this.worst = new int[counts.length];
        this.worstKey = new long[counts.length];
    }

    int slot(int latent, int group, int i) {
        return latent * slotsPerLatent + offset + group * k + i;
    }

    /** Examples offered to the group (kept or not). */
    long count(int latent, int group) {
        return counts[latent * groups + group];
    }

    /** The slots holding the group's sample. */
    int[] slots(int latent, int group) {
        int n = (int) Math.min(k, count(latent, group));
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = slot(latent, group, i);
        }
        return s;
    }

    /** Counts an example of {@code row} in the group; returns the slot to store it in, or -1 when it is not kept. */
    int offer(ExampleSlots slots, int latent, int group, long row) {
        int g = latent * groups + group;
        long n = ++counts[g];
        if (k == 0) {
            return -1;
        }
        if (n <= k) {
            if (n == k) {
                findWorst(slots, latent, group, k - 1, row);
            }
            return slot(latent, group, (int) n - 1);
        }
        long key = SampleKey.of(seed, latent, row);
        int w = slot(latent, group, worst[g]);
        if (!SampleKey.before(key, row, worstKey[g], slots.row(w))) {
            return -1;
        }
        // The caller stores the example in w before the next offer: the next worst is found as if it were there.
        findWorst(slots, latent, group, worst[g], row);
        return w;
    }

    private void findWorst(ExampleSlots slots, int latent, int group) {
        findWorst(slots, latent, group, -1, 0);
    }

    /** Caches the group's largest key; position {@code replaced} (if ≥ 0) counts as holding {@code replacedRow}. */
    private void findWorst(ExampleSlots slots, int latent, int group, int replaced, long replacedRow) {
        int g = latent * groups + group;
        int n = (int) Math.min(k, counts[g]);
        int at = -1;
        long key = 0;
        long row = 0;
        for (int i = 0; i < n; i++) {
            long r = i == replaced ? replacedRow : slots.row(slot(latent, group, i));
            long kk = SampleKey.of(seed, latent, r);
            if (at < 0 || SampleKey.before(key, row, kk, r)) {
                at = i;
                key = kk;
                row = r;
            }
        }
        worst[g] = Math.max(at, 0);
        worstKey[g] = key;
    }

    /** Group {@code x} and group {@code y} of the latent into group {@code to} (to ≤ x < y, or to = x). */
    void fold(ExampleSlots slots, int latent, int x, int y, int to) {
        List<ExampleSlots.Saved> all = new ArrayList<>();
        for (int s : slots(latent, x)) {
            all.add(slots.save(s));
        }
        for (int s : slots(latent, y)) {
            all.add(slots.save(s));
        }
        long n = count(latent, x) + count(latent, y);
        counts[latent * groups + y] = 0;
        if (x != to) {
            counts[latent * groups + x] = 0;
        }
        place(slots, latent, to, all, n);
    }

    /**
     * Adds {@code other}'s group {@code group} of the latent (its examples in {@code otherSlots}) to this one's:
     * the counts add, the sample is the smallest keys of both.
     */
    void merge(ExampleSlots slots, Reservoirs other, ExampleSlots otherSlots, int latent, int group) {
        List<ExampleSlots.Saved> all = new ArrayList<>();
        for (int s : slots(latent, group)) {
            all.add(slots.save(s));
        }
        for (int s : other.slots(latent, group)) {
            all.add(otherSlots.save(s));
        }
        place(slots, latent, group, all, count(latent, group) + other.count(latent, group));
    }

    /** Group {@code group} becomes the k smallest keys of {@code all}, of {@code n} examples offered in all. */
    private void place(ExampleSlots slots, int latent, int group, List<ExampleSlots.Saved> all, long n) {
        all.sort((a, b) -> SampleKey.before(SampleKey.of(seed, latent, a.row()), a.row(),
                SampleKey.of(seed, latent, b.row()), b.row()) ? -1 : a.row() == b.row() ? 0 : 1);
        counts[latent * groups + group] = n;
        for (int i = 0; i < k; i++) {
            slots.restore(slot(latent, group, i), i < all.size() ? all.get(i) : null);
        }
        if (n >= k) {
            findWorst(slots, latent, group);
        }
    }
}
