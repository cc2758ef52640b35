package org.sae4j.spark.train;

import java.io.Serializable;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.optim.Optimizers;
import org.sae4j.train.FitOptions;
import org.sae4j.train.SparsityTarget;
import org.sae4j.train.TrainingSchedule;

/**
 * The training options of a distributed run as plain values, so they travel to the executors (a {@link FitOptions}
 * holds an optimizer factory and listeners, which do not serialise); every executor and the driver build the same
 * {@link FitOptions} from them. The nulls mean what the same {@code sae4j train} flag left out means.
 *
 * @param epochs         passes over the data (ignored when {@code samples} is set)
 * @param samples        the run's budget in rows instead of epochs; null for epochs
 * @param batchSize      rows per step of the whole cluster (each replica steps on its share)
 * @param seed           shuffling seed (the weights' seed is the model's)
 * @param shuffle        reshuffle each pass
 * @param normalization  the input scaling fitted on the driver's sample
 * @param optimizer      adam or sgd
 * @param lr             learning rate; null: 2e-4 / sqrt(width / 2^14) for an SAE, the optimizer's default else
 * @param lrWarmup       learning-rate warm-up steps; null: the schedule's default
 * @param lrDecay        final fraction of steps over which the rate decays to 0; null: none
 * @param sparsityWarmup sparsity-coefficient warm-up steps; null: the default
 * @param clipGradNorm   global gradient-norm clip; null: off
 * @param deadAfter      samples without firing after which a latent is dead; null: the default
 * @param kAnneal        TopK's k annealed from d_in over these steps; null: off
 * @param targetL0       an L0 to reach: a standard SAE's coefficient is searched on the driver (as {@code Trainer.fit}
 *                       does) and then held; jumprelu's and gated's thresholds follow a budget; null: a fixed coefficient
 * @param held           the multiplier a search settled on, at which the coefficient is held; null: none yet
 */
public record TrainSettings(int epochs, Long samples, int batchSize, long seed, boolean shuffle,
                            Normalizer.Kind normalization, String optimizer, Double lr, Integer lrWarmup, Double lrDecay,
                            Integer sparsityWarmup, Double clipGradNorm, Long deadAfter, Integer kAnneal,
                            Double targetL0, Double held) implements Serializable {

    public TrainSettings(int epochs, Long samples, int batchSize, long seed, boolean shuffle, Normalizer.Kind normalization,
                         String optimizer, Double lr, Integer lrWarmup, Double lrDecay, Integer sparsityWarmup,
                         Double clipGradNorm, Long deadAfter, Integer kAnneal, Double targetL0) {
        this(epochs, samples, batchSize, seed, shuffle, normalization, optimizer, lr, lrWarmup, lrDecay, sparsityWarmup,
                clipGradNorm, deadAfter, kAnneal, targetL0, null);
    }

    /** These settings with the coefficient held at the {@code target}'s multiplier, or steered where it is not held. */
    public TrainSettings heldAs(SparsityTarget target) {
        return new TrainSettings(epochs, samples, batchSize, seed, shuffle, normalization, optimizer, lr, lrWarmup, lrDecay,
                sparsityWarmup, clipGradNorm, deadAfter, kAnneal, targetL0,
                target != null && target.isHeld() ? Double.valueOf(target.held()) : null);
    }

    /** {@code sae4j train}'s defaults: 20 epochs, batch 256, seed 42, shuffled, minmax scaling, Adam. */
    public static TrainSettings defaults() {
        return new TrainSettings(20, null, 256, 42, true, Normalizer.Kind.MIN_MAX, "adam", null, null, null, null, null,
                null, null, null);
    }

    /** The fit options for {@code model}, the same on every machine; checks every value (one sentence when bad). */
    public FitOptions fitOptions(Model model) {
        Double rate = lr != null || !model.traits().dictionary() ? lr : Double.valueOf(SaeBuilder.defaultLearningRate(model.latentSize()));
        String name = optimizer;
        Optimizers.create(name, rate, 0, false); // a bad name is refused now, not on an executor
        return FitOptions.builder().epochs(epochs).samples(samples).batchSize(batchSize).seed(seed).shuffle(shuffle)
                .normalization(normalization).optimizer(() -> Optimizers.create(name, rate, 0, false))
                .schedule(new TrainingSchedule(lrWarmup, lrDecay, sparsityWarmup, clipGradNorm, deadAfter, null, null, kAnneal))
                .sparsityTarget(target()).validationSplit(0).build();
    }

    private SparsityTarget target() {
        if (targetL0 == null) {
            return null;
        }
        return held != null ? SparsityTarget.l0(targetL0).heldAt(held) : SparsityTarget.l0(targetL0);
    }
}
