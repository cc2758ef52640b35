package org.sae4j.eval.latents;

import org.sae4j.tensor.SparseCode;

/**
 * The browser's one streaming pass: every latent's firing count (through {@link org.sae4j.eval.SparsityMetrics},
 * the one definition of firing), sum, maximum, histogram, top examples, interval and quantile samples
 * ({@link LatentTotals}, what a cluster's partitions also compute and merge), each example with
 * the latent's activation on the tokens around it, and per vocabulary token the latents that fire most on it. Codes arrive as sparse chunks (a TopK latent that does not
 * fire costs nothing); a chunk's examples are offered when the next chunk has been encoded, so the window after a
 * firing row is at hand, and three chunks of codes are the most held at once.
 */
public final class LatentProfiler {
    private final int width;
    private final ProfileOptions options;
    private final RowOrigins origins;
    private final int slotsPerLatent;
    private final LatentTotals totals;
    private final ExampleSlots slots;
    private final Documents documents = new Documents();
    private Chunk previous;
    private Chunk current;
    private long rows;

    /** One chunk of codes with the documents and tokens of its rows. */
    private record Chunk(SparseCode code, long from, long[] docs, int[] tokens) {
        boolean holds(long row) {
            return row >= from && row < from + code.rows();
        }
    }

    private LatentProfiler(int width, RowOrigins origins, ProfileOptions options) {
        this.width = width;
        this.options = options;
        this.origins = origins;
        this.slotsPerLatent = options.slotsPerLatent();
        this.totals = new LatentTotals(width, options, true);
        this.slots = totals.slots();
    }

    /** Profiles every latent of {@code width} over {@code codes}, consecutive chunks of rows from row 0. */
    public static LatentProfiles run(Iterable<SparseCode> codes, int width, RowOrigins origins, ProfileOptions options) {
        LatentProfiler p = new LatentProfiler(width, origins, options);
        for (SparseCode code : codes) {
            p.add(code);
        }
        p.add(null);
        return p.totals.profiles(origins.hasDocuments() ? p.documents : null);
    }

    private void add(SparseCode code) {
        Chunk next = null;
        if (code != null) {
            if (code.width() != width) {
                throw new IllegalArgumentException("codes of width " + code.width() + ", expected " + width);
            }
            long[] docs = new long[code.rows()];
            int[] tokens = new int[code.rows()];
            origins.read(rows, code.rows(), docs, tokens);
            if (origins.hasDocuments()) {
                for (int r = 0; r < code.rows(); r++) {
                    documents.add(docs[r], rows + r);
                }
            }
            next = new Chunk(code, rows, docs, tokens);
            rows += code.rows();
        }
        if (current != null) {
            offer(current);
            fillWindows(next);
        }
        previous = current;
        current = next;
    }

    private void offer(Chunk c) {
        totals.add(c.code(), c.from(), origins.hasDocuments() ? c.tokens() : null);
    }

    /** Stores the window of every example the current chunk placed, now that the next chunk is known. */
    private void fillWindows(Chunk next) {
        int n = options.windowRows();
        int[] tokens = new int[n];
        float[] values = new float[n];
        for (int slot : slots.drainPending()) {
            if (!slots.isPending(slot)) {
                continue;
            }
            long row = slots.row(slot);
            int latent = slot / slotsPerLatent;
            long doc = docOf(row, next);
            long lo = row;
            while (row - lo < options.window() && sameDoc(lo - 1, doc, next)) {
                lo--;
            }
            long hi = row;
            while (hi - row < options.window() && sameDoc(hi + 1, doc, next)) {
                hi++;
            }
            int len = (int) (hi - lo + 1);
            for (int i = 0; i < len; i++) {
                Chunk c = chunkOf(lo + i, next);
                int r = (int) (lo + i - c.from());
                tokens[i] = c.tokens()[r];
                values[i] = valueAt(c.code(), r, latent);
            }
            slots.window(slot, doc, (int) (row - lo), len, tokens, values);
        }
    }

    private boolean sameDoc(long row, long doc, Chunk next) {
        Chunk c = chunkOf(row, next);
        return c != null && c.docs()[(int) (row - c.from())] == doc;
    }

    private long docOf(long row, Chunk next) {
        Chunk c = chunkOf(row, next);
        return c.docs()[(int) (row - c.from())];
    }

    private Chunk chunkOf(long row, Chunk next) {
        if (current.holds(row)) {
            return current;
        }
        if (previous != null && previous.holds(row)) {
            return previous;
        }
        return next != null && next.holds(row) ? next : null;
    }

    /** The latent's value in row r of a code: its columns ascend within a row, so a binary search finds it. */
    static float valueAt(SparseCode code, int r, int latent) {
        int lo = code.rowStart()[r];
        int hi = code.rowStart()[r + 1] - 1;
        int[] idx = code.index();
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (idx[mid] < latent) {
                lo = mid + 1;
            } else if (idx[mid] > latent) {
                hi = mid - 1;
            } else {
                return code.value()[mid];
            }
        }
        return 0f;
    }
}
