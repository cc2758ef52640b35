package org.sae4j.spark.eval;

import java.io.Serializable;
import org.sae4j.eval.latents.LatentTotals;

/**
 * One partition's (or a merged range of partitions') share of {@link DistributedProfile}'s pass: the latents'
 * totals, and the store provenance of the wanted rows it holds (the top examples of the first pass), as parallel
 * arrays.
 *
 * @param totals    the latents' totals over the rows
 * @param rows      store rows found here
 * @param docs      their documents
 * @param positions their positions in the document
 * @param tokens    their token ids
 */
record ProfilePart(LatentTotals totals, long[] rows, long[] docs, int[] positions, int[] tokens) implements Serializable {

    /** This part followed by {@code right}, the next range of partitions. */
    ProfilePart plus(ProfilePart right) {
        return new ProfilePart(totals.merge(right.totals), concat(rows, right.rows), concat(docs, right.docs),
                concat(positions, right.positions), concat(tokens, right.tokens));
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
