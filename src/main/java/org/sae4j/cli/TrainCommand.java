package org.sae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.eval.Metrics;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.AutoencoderBuilder;
import org.sae4j.nn.Activation;
import org.sae4j.optim.Optimizers;
import org.sae4j.train.FitOptions;
import org.sae4j.train.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j train}: builds an autoencoder from flags (or a config file), trains it and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a sparse autoencoder and save it as a safetensors model file.",
                "Defaults: the deep-kl preset, a 784-128-64-32-64-128-784 relu autoencoder",
                "whose sigmoid code layer is held to a mean activation of 0.05 by a KL penalty",
                "(sigmoid output, MSE, Adam 1e-3), trained on the embedded Fashion-MNIST",
                "images scaled to [0,1], with 10%% held out for validation.", ""},
        footer = {"", "Examples:",
                "  sae4j train",
                "  sae4j train --preset deep --epochs 20",
                "  sae4j train --preset classic --data fashion-mnist --validation-data fashion-mnist-test",
                "  sae4j train --encoder 256,64 --activation tanh --l1-weights 1e-5 --optimizer sgd --lr 0.1 --momentum 0.9",
                "  sae4j train --config my-sae.yaml --epochs 3     (file values first, flags override)",
                "  sae4j train --resume sae4j-model.safetensors --epochs 10",
                "", "Presets:",
                "  deep     784-128-64-32 relu, mirrored decoder, sigmoid output, MSE (the Keras tutorial)",
                "  deep-kl  deep with a sigmoid code layer and KL sparsity rho=0.05 beta=0.01",
                "  tanh-l1  deep with tanh units and an L1 penalty 1e-5 on every weight matrix",
                "  classic  784-200-784 sigmoid, loss sse, KL rho=0.05 beta=3, L2 5e-5 (Ng's CS294A)",
                "Flags override the preset; --activation sets the hidden layers, and the code layer too unless",
                "the preset fixes it (deep-kl, classic: sigmoid)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON or YAML file of option names to values, e.g. 'encoder: [128, 64, 32]'.")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "deep-kl",
            description = "deep, deep-kl (default), tanh-l1 or classic (see below).")
    String preset;

    @Option(names = "--encoder", split = ",", paramLabel = "UNITS",
            description = "Encoder widths after the input; the last is the code size (default 128,64,32).")
    int[] encoder;

    @Option(names = "--decoder", split = ",", paramLabel = "UNITS",
            description = "Hidden decoder widths (default: the encoder's mirrored).")
    int[] decoder;

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden units: relu, sigmoid, tanh or linear (default relu).")
    String activation;

    @Option(names = "--code-activation", paramLabel = "NAME", description = "Code units (default: as --activation).")
    String codeActivation;

    @Option(names = "--output-activation", paramLabel = "NAME", description = "Output units (default sigmoid).")
    String outputActivation;

    @Option(names = "--loss", paramLabel = "NAME", description = "mse, bce (binary cross-entropy) or sse (per-sample half sum of squares; default mse).")
    String loss;

    @Option(names = "--rho", paramLabel = "RHO", description = "KL sparsity: target mean activation of each code unit, in (0,1).")
    Double rho;

    @Option(names = "--beta", paramLabel = "BETA", description = "KL sparsity weight (default: the preset's, else 3).")
    Double beta;

    @Option(names = "--l1-activity", paramLabel = "LAMBDA", description = "L1 penalty on code activations.")
    Double l1Activity;

    @Option(names = "--l1-weights", paramLabel = "LAMBDA", description = "L1 penalty on all weight matrices.")
    Double l1Weights;

    @Option(names = "--l2-weights", paramLabel = "LAMBDA", description = "L2 penalty (weight decay) on all weight matrices.")
    Double l2Weights;

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
            description = "Input normalisation: minmax (to [0,1]), standardize or none (default ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--active-threshold", paramLabel = "T",
            description = "A code unit is active when |a| > T (default 0 for relu/linear, 0.1 for sigmoid/tanh).")
    Double activeThreshold;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "sae4j-model.safetensors",
            description = "Model file, rewritten atomically after every epoch (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", paramLabel = "FILE",
            description = {"Continue training the model in FILE (architecture, penalties, input scaling and",
                    "history come from it) for --epochs more; the optimizer starts afresh."})
    Path resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (the one-line summary of each epoch stays).")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        // Check every setting before loading data, which can take a while.
        Autoencoder resumed = resume != null ? resumedModel() : null;
        if (resumed == null) {
            modelBuilder(1).config();
        }
        String opt = optimizer;
        Double lr = learningRate;
        String optimizerName = Optimizers.create(opt, lr, momentum, nesterov).describe();
        FitOptions.Builder fit = FitOptions.builder()
                .epochs(epochs).batchSize(batchSize).validationSplit(validationSplit).shuffle(!noShuffle).seed(seed)
                .normalization(Normalizer.parse(scale)).activeThreshold(activeThreshold).checkpoint(out)
                .optimizer(() -> Optimizers.create(opt, lr, momentum, nesterov));
        fit.build();

        // Split here rather than in fit(), so the summary can score the same held-out rows.
        Dataset all = data.load();
        int heldOut = validationData != null ? 0 : (int) Math.floor(all.rows() * validationSplit);
        Dataset train = heldOut > 0 ? all.slice(0, all.rows() - heldOut) : all;
        Dataset validation = validationData != null ? DataSources.resolve(validationData)
                : heldOut > 0 ? all.slice(all.rows() - heldOut, all.rows()) : null;
        fit.validationSplit(0).validationData(validation);
        Autoencoder model = resumed != null ? resumed : modelBuilder(all.cols()).build();
        if (resumed != null) {
            fit.normalization(null); // keep the scaling the model was trained with
            w.printf("Resuming %s after %d epochs%n", resume, resumed.history().epochs().size());
        }
        w.printf("sae4j %s: %s autoencoder on '%s' (%d samples x %d features)%n", Version.get(),
                model.config().describeShape(), all.name(), all.rows(), all.cols());
        w.printf("loss %s%s, optimizer %s, %d epochs, batch %d, seed %d%n", model.config().loss().id(),
                penalties(model), optimizerName, epochs, batchSize, seed);
        w.flush();
        fit.listener(new ProgressListener(w, model.config().codeSize(), !quiet));
        long start = System.nanoTime();
        History history = model.fit(train, fit.build());
        double seconds = (System.nanoTime() - start) / 1e9;

        Dataset scored = validation != null ? validation : train;
        w.println();
        w.printf("Summary (%s, %d samples%s):%n", scored.name(), scored.rows(), validation == null ? ", training data"
                : validationData != null ? ", validation data" : " held out");
        w.print(EvalCommand.format(Metrics.evaluate(model, scored, activeThreshold)));
        w.printf("  training time     %.1f s (%,.0f samples/s in the last epoch)%n", seconds, history.last().samplesPerSecond());
        w.printf("  model saved to    %s%n", out.toAbsolutePath());
        return 0;
    }

    /** Loads the model to continue; flags that would redefine it are refused rather than silently ignored. */
    private Autoencoder resumedModel() {
        for (String option : new String[] {"--preset", "--encoder", "--decoder", "--activation", "--code-activation",
                "--output-activation", "--loss", "--rho", "--beta", "--l1-activity", "--l1-weights", "--l2-weights",
                "--scale"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new InvalidInputException("--resume continues the model in '" + resume + "' with its own "
                        + "architecture, penalties and scaling, so " + option + " cannot be changed; drop it.");
            }
        }
        return Autoencoder.load(resume);
    }

    private AutoencoderBuilder modelBuilder(int inputSize) {
        AutoencoderBuilder b = Autoencoder.builder(inputSize).seed(seed);
        Preset p = Preset.parse(preset);
        p.apply(b);
        if (encoder != null) {
            b.encoder(encoder);
        }
        if (decoder != null) {
            b.decoder(decoder);
        }
        if (activation != null) {
            b.hiddenActivation(Activation.parse(activation));
            if (p.codeActivation == null) {
                b.codeActivation(Activation.parse(activation));
            }
        }
        if (codeActivation != null) {
            b.codeActivation(Activation.parse(codeActivation));
        }
        if (outputActivation != null) {
            b.outputActivation(Activation.parse(outputActivation));
        }
        if (loss != null) {
            b.loss(ReconstructionLoss.parse(loss));
        }
        if (rho != null || beta != null) {
            if (rho == null && p.kl == null) {
                throw new InvalidInputException("--beta " + beta + " was given without --rho, and preset '" + p.id
                        + "' has no KL penalty to adjust; give --rho too.");
            }
            b.klSparsity(rho != null ? rho : p.kl.rho(), beta != null ? beta : p.kl != null ? p.kl.beta() : 3.0);
        }
        if (l1Activity != null) {
            b.l1Activity(l1Activity);
        }
        if (l1Weights != null) {
            b.l1Weights(l1Weights);
        }
        if (l2Weights != null) {
            b.l2Weights(l2Weights);
        }
        return b;
    }

    private static String penalties(Autoencoder m) {
        StringBuilder sb = new StringBuilder();
        var c = m.config();
        if (c.kl() != null) {
            sb.append(String.format(" + KL(rho=%s, beta=%s)", c.kl().rho(), c.kl().beta()));
        }
        if (c.l1Activity() > 0) {
            sb.append(" + L1 activity ").append(c.l1Activity());
        }
        if (c.l1Weights() > 0) {
            sb.append(" + L1 weights ").append(c.l1Weights());
        }
        if (c.l2Weights() > 0) {
            sb.append(" + L2 weights ").append(c.l2Weights());
        }
        return sb.toString();
    }
}
