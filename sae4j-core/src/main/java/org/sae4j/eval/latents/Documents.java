package org.sae4j.eval.latents;

import java.util.Arrays;

/**
 * The documents of a store in row order, each as its first row and row count, recorded as the pass reads the
 * provenance (a store keeps a document's tokens together). Memory is 24 bytes per document, never per token.
 */
public final class Documents implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private long[] ids = new long[64];
    private long[] firstRows = new long[64];
    private long[] counts = new long[64];
    private int size;

    /** Records that {@code row} (the row after the last one recorded) belongs to document {@code doc}. */
    public void add(long doc, long row) {
        if (size > 0 && ids[size - 1] == doc && firstRows[size - 1] + counts[size - 1] == row) {
            counts[size - 1]++;
            return;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            firstRows = Arrays.copyOf(firstRows, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        ids[size] = doc;
        firstRows[size] = row;
        counts[size] = 1;
        size++;
    }

    /**
     * Appends {@code later}'s runs (rows after these, as a cluster's next partition holds them); a document cut by
     * the partition edge becomes one run again, as one pass records it. Returns this.
     */
    public Documents append(Documents later) {
        for (int i = 0; i < later.size; i++) {
            if (size > 0 && ids[size - 1] == later.ids[i] && firstRows[size - 1] + counts[size - 1] == later.firstRows[i]) {
                counts[size - 1] += later.counts[i];
                continue;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                firstRows = Arrays.copyOf(firstRows, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            ids[size] = later.ids[i];
            firstRows[size] = later.firstRows[i];
            counts[size] = later.counts[i];
            size++;
        }
        return this;
    }

    /** Runs of rows, one per document (a document split by another counts as two runs). */
    public int size() {
        return size;
    }

    public long id(int i) {
        return ids[i];
    }

    public long firstRow(int i) {
        return firstRows[i];
    }

    public long rows(int i) {
        return counts[i];
    }

    /** The run holding {@code row}, or -1. */
    public int runOf(long row) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (firstRows[mid] + counts[mid] <= row) {
                lo = mid + 1;
            } else if (firstRows[mid] > row) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
