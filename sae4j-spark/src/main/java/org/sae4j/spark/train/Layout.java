package org.sae4j.spark.train;

import java.util.List;
import org.sae4j.InvalidInputException;

/**
 * How the rows lie over the partitions: each partition's rows, and the replicas (the non-empty partitions, in
 * order) that train on them.
 *
 * @param partitionRows rows of each Spark partition
 * @param replicaOf     each partition's replica, or -1 for an empty one
 * @param rows          each replica's rows
 */
record Layout(long[] partitionRows, int[] replicaOf, long[] rows) {

    static Layout of(List<Block> blocks, String what) {
        long[] partitionRows = new long[blocks.size()];
        int[] replicaOf = new int[blocks.size()];
        int replicas = 0;
        for (Block b : blocks) {
            partitionRows[b.partition()] = b.rows();
            replicaOf[b.partition()] = b.rows() > 0 ? replicas++ : -1;
        }
        if (replicas == 0) {
            throw new InvalidInputException("Data " + what + " has no rows; expected at least one to train on.");
        }
        long[] rows = new long[replicas];
        for (int p = 0; p < blocks.size(); p++) {
            if (replicaOf[p] >= 0) {
                rows[replicaOf[p]] = partitionRows[p];
            }
        }
        return new Layout(partitionRows, replicaOf, rows);
    }

    long total() {
        long t = 0;
        for (long r : rows) {
            t += r;
        }
        return t;
    }

    /** Each replica's share of a batch of {@code batch} rows, by its share of the rows (at least 1). */
    int[] batches(int batch) {
        int[] b = new int[rows.length];
        long total = total();
        for (int r = 0; r < rows.length; r++) {
            b[r] = rows.length == 1 ? batch : (int) Math.max(1, Math.min(rows[r], Math.round((double) batch * rows[r] / total)));
        }
        return b;
    }
}
