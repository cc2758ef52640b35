package org.sae4j.train;

/**
 * Which rows each step trains on: {@code totalRows} rows in passes of {@code epochRows}, in batches of
 * {@code batch} that never straddle two passes (a pass ends with a short batch, as it always has). Public so
 * that a trainer elsewhere (a cluster's replicas) steps through the very plan {@link Trainer} would.
 */
public record TrainPlan(long epochRows, int batch, long totalRows) {

    public long batchesPerEpoch() {
        return (epochRows + batch - 1) / batch;
    }

    public long totalSteps() {
        long full = totalRows / epochRows;
        long rest = totalRows % epochRows;
        return full * batchesPerEpoch() + (rest + batch - 1) / batch;
    }

    /** The pass {@code step} belongs to, from 0. */
    public long epochOf(long step) {
        return step / batchesPerEpoch();
    }

    public long batchInEpoch(long step) {
        return step % batchesPerEpoch();
    }

    /** Rows in the pass of {@code step} (the last pass of a sample budget may be short). */
    public long epochLength(long step) {
        long e = epochOf(step);
        return Math.min(epochRows, totalRows - e * epochRows);
    }

    public int rows(long step) {
        return (int) Math.min(batch, epochLength(step) - batchInEpoch(step) * batch);
    }

    public boolean endsEpoch(long step) {
        return step == totalSteps() - 1 || (batchInEpoch(step) + 1) * batch >= epochLength(step);
    }

    /** True when {@code step} serves the last rows of a whole pass (not of a budget that stops inside one). */
    public boolean completesPass(long step) {
        return (batchInEpoch(step) + 1) * batch >= epochRows;
    }

    public int batchesIn(long step) {
        return (int) ((epochLength(step) + batch - 1) / batch);
    }
}
