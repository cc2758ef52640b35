package org.sae4j.cli;

import org.sae4j.data.Dataset;
import org.sae4j.data.HoldOut;
import org.sae4j.data.Normalizer;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.optim.Optimizers;
import org.sae4j.train.FitOptions;
import org.sae4j.train.TrainingSchedule;
import picocli.CommandLine.Option;

/** The options of the training schedule and validation, shared by {@code train} and {@code sweep}. */
final class FitFlags {
    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: 1e-3 for adam, 1e-2 for sgd).")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum for SGD.")
    boolean nesterov;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Passes over the data (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--samples", paramLabel = "N", converter = SampleCount.class,
            description = "Train on N samples in all instead of --epochs passes, e.g. 50M (k, M, G suffixes).")
    Long samples;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "0",
            description = "Also save the whole training state (OUT.ckpt) every STEPS steps; it is saved at every "
                    + "epoch end regardless (default: epoch ends only).")
    long checkpointEvery;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Samples per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--validation-split", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Fraction held out from the end of the data (default ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--validation-data", paramLabel = "SOURCE",
            description = "Validate on this data instead of a split, e.g. fashion-mnist-test (same forms as --data).")
    String validationData;

    @Option(names = "--no-shuffle", description = "Keep the data order instead of shuffling every epoch.")
    boolean noShuffle;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of weights and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", paramLabel = "KIND", defaultValue = "minmax",
            description = "Input normalisation: minmax (to [0,1]), standardize, mean-norm (mean squared norm d_in) "
                    + "or none (default ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--lr-warmup", paramLabel = "STEPS",
            description = "Linear learning-rate warm-up (default: 5%% of the steps, max 1000, for SAEs with a sparsity coefficient; none for topk, batchtopk and matryoshka).")
    Integer lrWarmup;

    @Option(names = "--lr-decay", paramLabel = "FRACTION",
            description = "Decay the learning rate linearly to 0 over this final fraction of the steps.")
    Double lrDecay;

    @Option(names = "--sparsity-warmup", paramLabel = "STEPS",
            description = "Ramp the sparsity coefficient from 0 (default: 5%% of the steps for SAEs).")
    Integer sparsityWarmup;

    @Option(names = "--k-anneal-steps", paramLabel = "STEPS",
            description = "TopK-style SAEs: keep from d_in latents down to --k over these first steps (default: off).")
    Integer kAnnealSteps;

    @Option(names = "--clip-grad-norm", paramLabel = "NORM", description = "Clip the gradient's global L2 norm (default: off).")
    Double clipGradNorm;

    @Option(names = "--dead-after", paramLabel = "SAMPLES",
            description = "A latent is dead after this many samples without firing (default: a quarter epoch, max 10M).")
    Long deadAfter;

    @Option(names = "--b-dec-init", paramLabel = "KIND", description = "SAE decoder bias start: median (geometric, default), mean or zero.")
    String bDecInit;

    @Option(names = "--resample", negatable = true, description = "Resample dead latents (default: on for standard SAEs).")
    Boolean resample;

    @Option(names = "--active-threshold", paramLabel = "T",
            description = "A latent (or a deep model's code unit) is active when |a| > T (default 0 for relu/linear, 0.1 for sigmoid/tanh).")
    Double activeThreshold;

    /** The training rows and the held-out rows (null for none) that the summary is scored on. */
    record Split(Dataset train, Dataset validation, String label) {
        /** The rows metrics are reported on: the validation rows, else the training rows. */
        Dataset scored() {
            return validation != null ? validation : train;
        }
    }

    /** Splits here rather than in fit(), so the summary scores exactly the held-out rows. */
    Split split(Dataset all) {
        if (validationData != null) {
            return new Split(all, DataOptions.resolve(validationData), "validation data");
        }
        HoldOut.Split s = HoldOut.split(all, validationSplit);
        return s.heldOut() == null ? new Split(all, null, "training data") : new Split(s.train(), s.heldOut(), "held out");
    }

    /** The schedule flags; unset ones are resolved per model by the trainer. */
    TrainingSchedule schedule() {
        return new TrainingSchedule(lrWarmup, lrDecay, sparsityWarmup, clipGradNorm, deadAfter, bDecInit, resample, kAnnealSteps);
    }

    /** Fit options for a classic model from these flags (which it checks); the caller adds data and listeners. */
    FitOptions.Builder options() {
        return options(null);
    }

    /**
     * Fit options from these flags (which it checks). {@code saeWidth}, when not null, sets the default
     * learning rate of an SAE: 2e-4 / sqrt(width / 2^14), as the literature scales it.
     */
    FitOptions.Builder options(Integer saeWidth) {
        String name = optimizer;
        Double lr = learningRate(saeWidth);
        Optimizers.create(name, lr, momentum, nesterov); // reject a bad setting now, not after loading data
        FitOptions.Builder b = FitOptions.builder()
                .epochs(epochs).batchSize(batchSize).validationSplit(validationSplit).shuffle(!noShuffle).seed(seed)
                .normalization(Normalizer.parse(scale)).activeThreshold(activeThreshold)
                .optimizer(() -> Optimizers.create(name, lr, momentum, nesterov)).schedule(schedule())
                .samples(samples).checkpointEvery(checkpointEvery);
        b.build(); // checks the split with the rest
        // The command splits the rows itself (split) and hands the held-out ones over as validation data.
        return b.validationSplit(0);
    }

    /** "20 epochs" or "50,000,000 samples", for the run's header line. */
    String planText() {
        return samples != null ? String.format("%,d samples", samples) : epochs + " epochs";
    }

    String optimizerName(Integer saeWidth) {
        return Optimizers.create(optimizer, learningRate(saeWidth), momentum, nesterov).describe();
    }

    /** --lr, else for an SAE the width-scaled default, else null (the optimizer's own default). */
    private Double learningRate(Integer saeWidth) {
        return learningRate != null || saeWidth == null ? learningRate : Double.valueOf(SaeBuilder.defaultLearningRate(saeWidth));
    }
}
