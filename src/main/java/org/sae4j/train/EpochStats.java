package org.sae4j.train;

/**
 * Per-epoch training figures (or the running figures of the epoch so far, for live progress).
 *
 * @param loss               mean total objective per batch (reconstruction + penalties)
 * @param reconstruction     mean reconstruction loss per value
 * @param validation         reconstruction loss on the held-out rows, NaN without a validation split
 * @param l0                 mean number of active code units per sample
 * @param meanActivation     mean code activation over samples and units
 * @param samplesPerSecond   training throughput of the epoch
 */
public record EpochStats(int epoch, double loss, double reconstruction, double validation, double l0,
                         double meanActivation, double seconds, double samplesPerSecond) {
}
