package org.sae4j.model;

/**
 * Per-epoch training figures (or the running figures of the epoch so far, for live progress).
 *
 * @param loss               mean total objective per batch (reconstruction + penalties)
 * @param reconstruction     mean reconstruction loss per value (MSE for dictionary-learning SAEs)
 * @param validation         reconstruction loss on the held-out rows, NaN without validation data
 * @param l0                 mean number of active latents per sample
 * @param meanActivation     mean latent activation over samples and latents
 * @param explainedVariance  1 − Σ‖x − x̂‖² / Σ‖x − mean‖², the mean taken per batch (a live estimate;
 *                           {@code eval} gives the exact figure over a whole dataset)
 * @param deadFraction       fraction of latents that have not fired within the trainer's dead window
 * @param samplesPerSecond   training throughput of the epoch
 */
public record EpochStats(int epoch, double loss, double reconstruction, double validation, double l0,
                         double meanActivation, double explainedVariance, double deadFraction,
                         double seconds, double samplesPerSecond) {
}
