package org.sae4j.spark.eval;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.eval.latents.Documents;
import org.sae4j.eval.latents.LatentTotals;
import org.sae4j.model.Model;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.tensor.SparseCode;

/**
 * The windows of the examples a site shows (the ±window tokens of the firing row's document, and the latent's
 * activation on each), gathered after the merge, when the examples are known: a window may cross the edge of the
 * partition that found its example. Each window's rows follow from the merged documents' runs (the same rule as
 * the single pass: the rows of the same document within {@code window} of the firing row); overlapping windows
 * join into row ranges, the ranges are cut into tasks, and each task reads only its ranges from the store, encodes
 * them and returns every window's tokens and values. The driver stores them in the totals. What moves: the
 * examples' requests out, their windows back, never the store's other rows.
 */
final class ExampleWindows {
    /** The longest range of rows one read covers; a longer chain of overlapping windows starts a new range. */
    static final int MAX_RANGE = 1 << 16;

    private ExampleWindows() {
    }

    /** The windows of one task's ranges: per request, its slot and latent, firing row and window rows. */
    record Task(long[] rangeFrom, long[] rangeTo, int[] slots, int[] latents, long[] rows, long[] lo, long[] hi)
            implements Serializable {
    }

    /** A task's windows, flattened: request i's window is entries offsets[i] .. offsets[i+1]-1. */
    record Found(int[] slots, long[] docs, int[] firing, int[] offsets, int[] tokens, float[] values) implements Serializable {
    }

    static void gather(JavaSparkContext sc, Broadcast<byte[]> model, String storeDir, LatentTotals totals,
                       Documents documents, int window, int partitions) {
        LatentTotals.Shown shown = totals.shown();
        int n = shown.slots().length;
        if (n == 0) {
            return;
        }
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int i = 0; i < n; i++) {
            long row = shown.rows()[i];
            int run = documents.runOf(row);
            lo[i] = Math.max(row - window, documents.firstRow(run));
            hi[i] = Math.min(row + window, documents.firstRow(run) + documents.rows(run) - 1);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> lo[a] != lo[b] ? Long.compare(lo[a], lo[b]) : Integer.compare(a, b));
        // Ranges: consecutive requests (by first row) whose windows overlap or touch share one read.
        List<long[]> ranges = new ArrayList<>();
        int[] rangeOf = new int[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && lo[i] <= last[1] + 1 && Math.max(last[1], hi[i]) - last[0] < MAX_RANGE) {
                last[1] = Math.max(last[1], hi[i]);
            } else {
                ranges.add(new long[] {lo[i], hi[i]});
            }
            rangeOf[k] = ranges.size() - 1;
        }
        int tasks = Math.max(1, Math.min(partitions, ranges.size()));
        List<Task> work = new ArrayList<>();
        int k = 0;
        for (int t = 0; t < tasks; t++) {
            int r0 = (int) ((long) ranges.size() * t / tasks);
            int r1 = (int) ((long) ranges.size() * (t + 1) / tasks);
            int k0 = k;
            while (k < n && rangeOf[k] < r1) {
                k++;
            }
            int m = k - k0;
            Task task = new Task(new long[r1 - r0], new long[r1 - r0], new int[m], new int[m], new long[m], new long[m],
                    new long[m]);
            for (int r = r0; r < r1; r++) {
                task.rangeFrom()[r - r0] = ranges.get(r)[0];
                task.rangeTo()[r - r0] = ranges.get(r)[1];
            }
            for (int j = 0; j < m; j++) {
                int i = order[k0 + j];
                task.slots()[j] = shown.slots()[i];
                task.latents()[j] = shown.latents()[i];
                task.rows()[j] = shown.rows()[i];
                task.lo()[j] = lo[i];
                task.hi()[j] = hi[i];
            }
            work.add(task);
        }
        String dir = Path.of(storeDir).toAbsolutePath().toString();
        List<Found> found = sc.parallelize(work, work.size())
                .map(task -> read(ModelBytes.load(model.value()), dir, task)).collect();
        for (Found f : found) {
            for (int i = 0; i < f.slots().length; i++) {
                int from = f.offsets()[i];
                int len = f.offsets()[i + 1] - from;
                totals.window(f.slots()[i], f.docs()[i], f.firing()[i], len,
                        Arrays.copyOfRange(f.tokens(), from, from + len), Arrays.copyOfRange(f.values(), from, from + len));
            }
        }
    }

    /** One task: each range read and encoded once, each request's window cut from it. */
    static Found read(Model m, String dir, Task task) {
        ActivationStore store = ActivationStore.open(Path.of(dir));
        int requests = task.slots().length;
        int[] offsets = new int[requests + 1];
        for (int j = 0; j < requests; j++) {
            offsets[j + 1] = offsets[j] + (int) (task.hi()[j] - task.lo()[j] + 1);
        }
        Found f = new Found(task.slots(), new long[requests], new int[requests], offsets, new int[offsets[requests]],
                new float[offsets[requests]]);
        try (Shards shards = Shards.open(store.activationsSpec())) {
            int d = shards.cols();
            int j = 0;
            for (int r = 0; r < task.rangeFrom().length; r++) {
                long first = task.rangeFrom()[r];
                int n = (int) (task.rangeTo()[r] - first + 1);
                float[] x = new float[Math.multiplyExact(n, d)];
                shards.read(first, n, x, 0);
                ActivationStore.Provenance p = store.provenance(first, n);
                List<SparseCode> codes = new ArrayList<>();
                for (SparseCode c : m.encodeSparse(new org.sae4j.data.Dataset("store rows " + first + "..", x, n, d))) {
                    codes.add(c);
                }
                for (; j < requests && task.hi()[j] <= task.rangeTo()[r] && task.lo()[j] >= first; j++) {
                    f.docs()[j] = p.docs()[(int) (task.rows()[j] - first)];
                    f.firing()[j] = (int) (task.rows()[j] - task.lo()[j]);
                    for (int i = 0; i < offsets[j + 1] - offsets[j]; i++) {
                        int at = (int) (task.lo()[j] - first) + i;
                        f.tokens()[offsets[j] + i] = p.tokens()[at];
                        f.values()[offsets[j] + i] = valueAt(codes, at, task.latents()[j]);
                    }
                }
            }
            if (j != requests) {
                throw new IllegalStateException("window request " + j + " lies in none of its task's ranges");
            }
        }
        return f;
    }

    /** The latent's value in row {@code at} of the encoded range (chunks of {@link Model#INFERENCE_BATCH} rows). */
    private static float valueAt(List<SparseCode> codes, int at, int latent) {
        SparseCode c = codes.get(at / Model.INFERENCE_BATCH);
        int r = at % Model.INFERENCE_BATCH;
        for (int e = c.rowStart()[r]; e < c.rowStart()[r + 1]; e++) {
            if (c.index()[e] == latent) {
                return c.value()[e];
            }
        }
        return 0f;
    }
}
