package org.sae4j.train;

/**
 * Which rows each step trains on: {@code totalRows} rows in passes of {@code epochRows}, in batches of
 * {@code batch} that never straddle two passes (a pass ends with a short batch, as it always has).
 */
record TrainPlan(long epochRows, int batch, long totalRows) {

    long batchesPerEpoch() {
        return (epochRows + batch - 1) / batch;
    }

    long totalSteps() {
        long full = totalRows / epochRows;
        long rest = totalRows % epochRows;
        return full * batchesPerEpoch() + (rest + batch - 1) / batch;
    }

    /** The pass {@code step} belongs to, from 0. */
    long epochOf(long step) {
        return step / batchesPerEpoch();
    }

    long batchInEpoch(long step) {
        return step % batchesPerEpoch();
    }

    /** Rows in the pass of {@code step} (the last pass of a sample budget may be short). */
    long epochLength(long step) {
        long e = epochOf(step);
        return Math.min(epochRows, totalRows - e * epochRows);
    }

    int rows(long step) {
        return (int) Math.min(batch, epochLength(step) - batchInEpoch(step) * batch);
    }

    boolean endsEpoch(long step) {
        return step == totalSteps() - 1 || (batchInEpoch(step) + 1) * batch >= epochLength(step);
    }

    /** True when {@code step} serves the last rows of a whole pass (not of a budget that stops inside one). */
    boolean completesPass(long step) {
        return (batchInEpoch(step) + 1) * batch >= epochRows;
    }

    int batchesIn(long step) {
        return (int) ((epochLength(step) + batch - 1) / batch);
    }
}
