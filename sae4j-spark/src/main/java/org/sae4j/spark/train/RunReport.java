package org.sae4j.spark.train;

/**
 * What a distributed run cost, for the benchmarks: the rounds, the seconds spent in the rounds' Spark jobs and in the
 * driver's merge, and the bytes of one training state (what a round broadcasts once and collects once per replica).
 *
 * @param rounds        rounds run (not counting those a resumed run skipped)
 * @param replicas      replicas per round
 * @param rows          rows trained on, over all replicas
 * @param roundSeconds  wall-clock seconds of the rounds' jobs (broadcast, steps, collect)
 * @param mergeSeconds  seconds of the driver's merges
 * @param stateBytes    bytes of one serialised training state
 */
public record RunReport(long rounds, int replicas, long rows, double roundSeconds, double mergeSeconds, long stateBytes) {

    /** Bytes a round moves: the state broadcast to every replica and every replica's state collected. */
    public long bytesPerRound() {
        return 2L * replicas * stateBytes;
    }

    public double samplesPerSecond() {
        return rows / Math.max(roundSeconds + mergeSeconds, 1e-9);
    }
}
