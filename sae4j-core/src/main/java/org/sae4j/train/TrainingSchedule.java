package org.sae4j.train;

import org.sae4j.InvalidInputException;
import org.sae4j.model.TrainingTraits;

/**
 * The parts of training the SAE literature learned to tune: schedules, clipping and dead latents. Every
 * field may be null for "the sensible default for this model and run", resolved by {@link #resolve}.
 *
 * @param lrWarmupSteps       linear learning-rate warm-up from 0 (default: 5% of the steps, at most 1,000, for
 *                            SAEs trained with a coefficient, whose sparsity warm-up it accompanies; none for the
 *                            k-sparse SAEs, which have no coefficient to ramp and recovered planted features worse
 *                            with it: scripts/compare-recovery.py, MMCS 0.957 without and 0.935 with on its zipf96
 *                            task; none for the classic autoencoders)
 * @param lrDecayFraction     linear decay to 0 over this final fraction of the steps (default 0: none)
 * @param sparsityWarmupSteps the sparsity coefficient ramps from 0 to λ over these steps (default: 5% of the
 *                            steps for SAEs trained with a coefficient; none otherwise)
 * @param clipGradNorm        rescale the gradient when its global L2 norm exceeds this (default 0: never)
 * @param deadAfterSamples    a latent is dead when it has not fired for this many samples (default: a quarter of
 *                            an epoch, at least one batch and at most 10M, so small data sees dead latents too)
 * @param decoderBiasInit     b_dec at initialisation for SAEs: "median" (geometric median of up to 10,000
 *                            samples, Weiszfeld), "mean" or "zero" (default median)
 * @param resampleDead        resample dead latents of standard SAEs (default true for standard)
 * @param kAnnealSteps        TopK-style SAEs keep from d_in latents down to their k linearly over these first
 *                            steps (default 0: none); a function of the step alone, so a checkpoint resumes it
 */
public record TrainingSchedule(Integer lrWarmupSteps, Double lrDecayFraction, Integer sparsityWarmupSteps,
                               Double clipGradNorm, Long deadAfterSamples, String decoderBiasInit,
                               Boolean resampleDead, Integer kAnnealSteps) {
    public static final TrainingSchedule AUTO = new TrainingSchedule(null, null, null, null, null, null, null);

    public TrainingSchedule(Integer lrWarmupSteps, Double lrDecayFraction, Integer sparsityWarmupSteps,
                            Double clipGradNorm, Long deadAfterSamples, String decoderBiasInit, Boolean resampleDead) {
        this(lrWarmupSteps, lrDecayFraction, sparsityWarmupSteps, clipGradNorm, deadAfterSamples, decoderBiasInit,
                resampleDead, null);
    }

    /** This schedule with k annealed over the first {@code steps} steps. */
    public TrainingSchedule withKAnneal(Integer steps) {
        return new TrainingSchedule(lrWarmupSteps, lrDecayFraction, sparsityWarmupSteps, clipGradNorm, deadAfterSamples,
                decoderBiasInit, resampleDead, steps);
    }

    public TrainingSchedule {
        nonNegative("Learning-rate warm-up", lrWarmupSteps == null ? 0 : lrWarmupSteps);
        nonNegative("Sparsity warm-up", sparsityWarmupSteps == null ? 0 : sparsityWarmupSteps);
        nonNegative("k annealing", kAnnealSteps == null ? 0 : kAnnealSteps);
        if (lrDecayFraction != null && !(lrDecayFraction >= 0 && lrDecayFraction <= 1)) {
            throw new InvalidInputException("Learning-rate decay fraction " + lrDecayFraction + " is invalid; expected a fraction in [0, 1].");
        }
        if (clipGradNorm != null && !(clipGradNorm >= 0 && Double.isFinite(clipGradNorm))) {
            throw new InvalidInputException("Gradient clipping norm " + clipGradNorm + " is invalid; expected a number >= 0 (0: off).");
        }
        if (deadAfterSamples != null && deadAfterSamples <= 0) {
            throw new InvalidInputException("Dead-latent window " + deadAfterSamples + " is invalid; expected a positive number of samples.");
        }
        if (decoderBiasInit != null && !java.util.List.of("median", "mean", "zero").contains(decoderBiasInit)) {
            throw new InvalidInputException("Decoder bias init '" + decoderBiasInit + "' is not recognised; expected median, mean or zero.");
        }
    }

    private static void nonNegative(String what, int steps) {
        if (steps < 0) {
            throw new InvalidInputException(what + " of " + steps + " steps is invalid; expected a number >= 0.");
        }
    }

    /** The defaults filled in for a model with {@code traits}, on a run of {@code totalSteps} steps over {@code trainRows} rows. */
    public TrainingSchedule resolve(TrainingTraits traits, long totalSteps, long trainRows, int batchSize) {
        boolean sae = traits.dictionary();
        boolean usesCoefficient = sae && traits.usesCoefficient();
        boolean standard = sae && traits.resamplesDead();
        int fivePercent = (int) Math.min(1000, totalSteps / 20);
        long deadDefault = Math.min(10_000_000L, Math.max(batchSize, trainRows / 4));
        return new TrainingSchedule(
                lrWarmupSteps != null ? lrWarmupSteps : usesCoefficient ? fivePercent : 0,
                lrDecayFraction != null ? lrDecayFraction : 0.0,
                sparsityWarmupSteps != null ? sparsityWarmupSteps : sae && usesCoefficient ? fivePercent : 0,
                clipGradNorm != null ? clipGradNorm : 0.0,
                deadAfterSamples != null ? deadAfterSamples : deadDefault,
                decoderBiasInit != null ? decoderBiasInit : "median",
                resampleDead != null ? resampleDead : standard,
                kAnnealSteps != null ? kAnnealSteps : 0);
    }

    /** Learning-rate multiplier at step {@code step} (0-based) of {@code total}. */
    public double lrScale(long step, long total) {
        double scale = 1.0;
        if (lrWarmupSteps > 0 && step < lrWarmupSteps) {
            scale = (step + 1.0) / (lrWarmupSteps + 1.0);
        }
        long decaySteps = (long) Math.floor(lrDecayFraction * total);
        long decayStart = total - decaySteps;
        if (decaySteps > 0 && step >= decayStart) {
            scale = Math.min(scale, (double) (total - step) / (decaySteps + 1.0));
        }
        return scale;
    }

    /** Sparsity-coefficient multiplier at step {@code step}. */
    public double sparsityScale(long step) {
        return sparsityWarmupSteps > 0 && step < sparsityWarmupSteps ? (step + 1.0) / (sparsityWarmupSteps + 1.0) : 1.0;
    }

    /**
     * The k a TopK-style model keeps at {@code step}: from {@code start} (d_in) linearly down to its own
     * {@code k} over the annealing steps, then k. Many latents firing early gives every latent gradient before
     * the dictionary settles, so fewer die (Gao et al. 2024 anneal k the same way); 0 means "the model's own".
     */
    public int annealedK(long step, int k, int start) {
        if (kAnnealSteps == null || kAnnealSteps == 0 || step >= kAnnealSteps || start <= k) {
            return 0;
        }
        return (int) Math.round(start - (start - k) * (double) step / kAnnealSteps);
    }
}
