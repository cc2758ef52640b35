package org.sae4j.eval.latents;

import java.util.Arrays;

/**
 * The documents of a store in row order, each as its first row and row count, recorded as the pass reads the
 * provenance (a store keeps a document's tokens together). Memory is 24 bytes per document, never per token.
 */
public final class Documents {
    private long[] ids = new long[64];
    private long[] firstRows = new long[64];
    private long[] counts = new long[64];
    private int size;

    void add(long doc, long row) {
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
