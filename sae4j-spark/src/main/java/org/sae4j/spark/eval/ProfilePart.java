package org.sae4j.spark.eval;

import java.io.Serializable;
import org.sae4j.eval.latents.Documents;
import org.sae4j.eval.latents.LatentTotals;

/**
 * One partition's (or a merged range of partitions') share of {@link DistributedProfile}'s pass: the latents'
 * totals and the runs of rows of each document it holds.
 *
 * @param totals    the latents' totals over the rows
 * @param documents the documents of the rows, in row order
 */
record ProfilePart(LatentTotals totals, Documents documents) implements Serializable {

    /** This part followed by {@code right}, the next range of partitions. */
    ProfilePart plus(ProfilePart right) {
        return new ProfilePart(totals.merge(right.totals), documents.append(right.documents));
    }
}
