package org.sae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import java.nio.file.Files;
import org.sae4j.data.Dataset;
import org.sae4j.data.StreamingData;
import org.sae4j.io.CheckpointFiles;
import org.sae4j.io.ModelFile;
import org.sae4j.io.OutputLock;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.model.ModelSize;
import org.sae4j.model.sae.SaeSize;
import org.sae4j.tensor.NamedArrays;
import org.sae4j.train.FitOptions;
import org.sae4j.train.TrainingStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j train}: builds an autoencoder from flags (or a config file), trains it and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train a sparse autoencoder and save it as a safetensors model file.",
                "Defaults: the deep-kl preset, a 784-128-64-32-64-128-784 relu autoencoder",
                "whose sigmoid code layer is held to a mean activation of 0.05 by a KL penalty",
                "(sigmoid output, MSE, Adam 1e-3), trained on the embedded Fashion-MNIST",
                "images scaled to [0,1], with 10%% held out for validation.", ""},
        footer = {"", "Examples:",
                "  sae4j train",
                "  sae4j train --preset deep --epochs 20",
                "  sae4j train --preset classic --data fashion-mnist \\",
                "      --validation-data fashion-mnist-test",
                "  sae4j train --encoder 256,64 --activation tanh --l1-weights 1e-5 \\",
                "      --optimizer sgd --lr 0.1 --momentum 0.9",
                "  sae4j train --config my-sae.yaml --epochs 3   (flags override the file)",
                "  sae4j train --resume sae4j-model.safetensors --epochs 10",
                "  sae4j train --arch topk --expansion 8 --k 32 --batch-size 1024 --epochs 1",
                "  sae4j train --arch jumprelu --width 4096 --lambda 1e-3 --data acts.npy",
                "  sae4j train --arch topk --k 32 --expansion 8 --data mlp-in.npy \\",
                "      --target-data mlp-out.npy --scale mean-norm   (a transcoder)",
                "  sae4j train --arch jumprelu --skip --data mlp-in.npy \\",
                "      --target-data mlp-out.npy   (a skip transcoder)",
                "", "Presets:",
                "  deep     784-128-64-32 relu, mirrored, sigmoid output, MSE (Keras tutorial)",
                "  deep-kl  deep with a sigmoid code layer and KL sparsity rho=0.05 beta=0.01",
                "  tanh-l1  deep with tanh units and an L1 penalty 1e-5 on every weight matrix",
                "  classic  784-200-784 sigmoid, sse, KL rho=0.05 beta=3, L2 5e-5 (Ng's CS294A)",
                "Flags override the preset; --activation sets the hidden layers, and the code",
                "layer too unless the preset fixes it (deep-kl, classic: sigmoid)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    TargetData target = new TargetData();

    @Option(names = "--skip",
            description = "With --target-data: a skip transcoder, adding x W_skip^T (d_out x d_in, from zero) to its output.")
    boolean skip;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON or YAML file of option names to values, e.g. 'encoder: [128, 64, 32]'.")
    Path config;

    @Mixin
    ModelFlags model = new ModelFlags();

    @Mixin
    SaeFlags sae = new SaeFlags();

    @Mixin
    FitFlags fit = new FitFlags();

    @Mixin
    ControlFlags control = new ControlFlags();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "sae4j-model.safetensors",
            description = "Model file, rewritten atomically after every epoch (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run whose model is FILE exactly, from its checkpoint FILE.ckpt, with its "
                    + "own data, settings and output, to its planned end (--epochs or --samples add to the plan). "
                    + "With other flags, or no checkpoint, the model in FILE (architecture, penalties, scaling, "
                    + "history) trains for --epochs more on --data with a fresh optimizer.")
    Path resume;

    /** Set when continuing from a checkpoint: its state, and the run's planned rows in all. */
    private NamedArrays resumeState;
    private long resumeTotalRows;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar, and no progress line every 10 s when the output is "
            + "not a terminal (the one-line summary of each epoch stays).")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (resume != null && resumeState == null && RunCheckpoint.onlyExtends(spec)) {
            if (Files.exists(RunCheckpoint.of(resume))) {
                return RunCheckpoint.continueRun(spec, resume, fit.epochs, fit.samples, quiet, TrainCommand::resumeFrom);
            }
            if (!Files.exists(resume)) {
                throw RunCheckpoint.nothingToResume(resume);
            }
        }
        // Check every setting before loading data, which can take a while.
        Model resumed = resume != null && resumeState == null ? resumedModel() : null;
        if (resumed == null) {
            checkModelFlags();
            checkIgnoredAtTarget(w, sae.arch);
        } else if (resumed instanceof SparseAutoencoder s) { // a model file continued: its architecture, not --arch
            checkIgnoredAtTarget(w, s.config().architecture().id());
        }
        fit.options();
        org.sae4j.io.OutputPaths.requireWritableFile(out);
        target.requireSupported(data.source, fit.samples != null, fit.validationData);
        // One run per output: a second refuses while the first lives; a killed one's temp files go now.
        Path checkpoint = RunCheckpoint.of(out);
        String command = "sae4j train " + ArgPaths.quoted(ArgPaths.absolute(ownArgs()));
        try (OutputLock lock = OutputLock.acquire(out, command, checkpoint);
             StopOnSignal stop = StopOnSignal.install(spec.commandLine().getErr(), out)) {
            OutOfMemory.afterwards(() -> Files.exists(checkpoint) ? "with more memory, 'sae4j train --resume " + out
                    + "' continues from its last checkpoint" : null);
            try {
                boolean streams = StreamingData.streams(data.source, fit.samples != null)
                        || target.streams(data.source, fit.samples != null);
                return streams ? streamed(w, stop) : inMemory(w, resumed, stop);
            } catch (TrainingStopped e) {
                if (lock != null) {
                    lock.close(); // now: the JVM exits as soon as the stop is reported
                }
                stop.stopped(e);
                return Main.STOPPED;
            }
        }
    }

    /** Trains on data loaded into memory: a transcoder's rows are [x | y], the same rows of --target-data as of --data. */
    private Integer inMemory(PrintWriter w, Model resumed, StopOnSignal stop) {
        Dataset inputs = data.load();
        if (resumed != null && resumed.targetSize() > 0 && !target.given()) {
            throw new InvalidInputException("The model in '" + resume + "' is a transcoder; give its target data with "
                    + "--target-data.");
        }
        Dataset all = target.pair(inputs, data); // the inputs alone for an SAE
        FitFlags.Split split = fit.split(all);
        Model m = resumed != null ? resumed : build(inputs.cols(), all.cols() - inputs.cols());
        FitOptions.Builder options = runOptions(m, stop);
        if (resumed != null) {
            options.normalization(null); // keep the scaling the model was trained with
            w.printf("Resuming %s after %d epochs%n", resume, resumed.history().epochs().size());
        }
        TrainingRun.run(w, m, all, split, options, fit, quiet, stop);
        w.print(EvalText.line("model saved to", out.toAbsolutePath().toString()));
        return 0;
    }

    /** Continues the run a checkpoint holds: this command was parsed from the run's own arguments. */
    private static Integer resumeFrom(TrainCommand run, NamedArrays state, long totalRows) {
        run.resumeState = state;
        run.resumeTotalRows = totalRows;
        return run.call();
    }

    /**
     * The fit options for model {@code m}, whether its data is in memory or streamed: flags, sparsity target,
     * outputs, checkpoints, and the checkpoint being resumed.
     */
    private FitOptions.Builder runOptions(Model m, StopOnSignal stop) {
        FitOptions.Builder options = fit.options(saeWidth(m)).sparsityTarget(control.target(m))
                .checkpoints(new CheckpointFiles(out, RunCheckpoint.of(out)))
                .runArgs(String.join("\u0000", ArgPaths.absolute(ownArgs()))).stopRequested(stop.requested());
        if (resumeState != null) {
            options.resume(resumeState).samples(resumeTotalRows);
        }
        return options;
    }

    /** This command's arguments, without the command name that comes first when run through {@code sae4j}. */
    private List<String> ownArgs() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return !args.isEmpty() && args.get(0).equals(spec.name()) ? args.subList(1, args.size()) : args;
    }

    /** Trains on data too large to load (shard folders, the synthetic stream with --samples). */
    private Integer streamed(PrintWriter w, StopOnSignal stop) {
        if (data.limit != null) {
            throw new InvalidInputException("--limit does not apply to streamed data '" + data.source + "'; use --samples.");
        }
        if (fit.validationData != null && fit.validationSplit > 0
                && spec.commandLine().getParseResult().hasMatchedOption("--validation-split")) {
            throw new InvalidInputException("Give either --validation-data or --validation-split, not both.");
        }
        OutOfMemory.streamed();
        OutOfMemory.doing("opening the data '" + data.source + "'");
        double split = fit.validationData != null ? 0 : fit.validationSplit;
        int targetCols = 0;
        StreamingData sd;
        if (target.given()) { // a transcoder's rows [x | y], both sides read as shards, shuffled together
            try (org.sae4j.data.Shards t = org.sae4j.data.Shards.open(target.source)) {
                targetCols = t.cols();
            }
            sd = StreamingData.openPaired(data.source, target.source, split, !fit.noShuffle, fit.seed);
        } else {
            sd = StreamingData.open(data.source, split, !fit.noShuffle, fit.seed);
        }
        int cols = sd.train().cols();
        Model m = build(cols - targetCols, targetCols);
        FitOptions.Builder options = runOptions(m, stop);
        if (fit.validationData != null) {
            options.validationData(DataOptions.resolve(fit.validationData));
        }
        StreamedRun.run(w, m, sd, options, fit, quiet, stop);
        w.print(EvalText.line("model saved to", out.toAbsolutePath().toString()));
        return 0;
    }

    /**
     * The model of these flags for {@code cols} input and {@code targetCols} target features (0: an SAE), refused
     * first in one sentence when its training cannot fit (now that the width is known; {@link TrainingMemory} checks
     * the rest once it is built).
     */
    private Model build(int cols, int targetCols) {
        if (sae.isSae()) {
            org.sae4j.model.sae.SaeBuilder b = sae.builder(cols, targetCols, skip, fit.seed);
            org.sae4j.model.sae.SaeConfig c = b.config();
            SaeSize.requireTrainable(c, fit.batchSize, false);
            OutOfMemory.doing("building " + c.architecture().id() + " SAE");
            return b.build();
        }
        ModelSize.requireTrainable(model.builder(cols, fit.seed).config(), fit.batchSize, false);
        OutOfMemory.doing("building the autoencoder");
        return model.builder(cols, fit.seed).build();
    }

    /** The SAE's width, which sets its default learning rate; null for the classic models. */
    static Integer saeWidth(Model m) {
        return m instanceof SparseAutoencoder s ? s.latentSize() : null;
    }

    /** Classic and SAE flags do not mix; settings that need no data are checked now. */
    private void checkModelFlags() {
        var parsed = spec.commandLine().getParseResult();
        if (skip && !target.given()) {
            throw new InvalidInputException("--skip adds a linear map from inputs to other targets, so it needs a "
                    + "transcoder; give its targets with --target-data.");
        }
        if (target.given() && !sae.isSae()) {
            throw new InvalidInputException("--target-data trains a transcoder, a dictionary-learning SAE that writes "
                    + "other targets; give --arch too (standard, topk, batchtopk, jumprelu, matryoshka or gated).");
        }
        if (sae.isSae()) {
            for (String option : ModelFlags.NAMES) {
                if (parsed.hasMatchedOption(option)) {
                    throw new InvalidInputException(option + " configures the classic autoencoders and does not apply to --arch "
                            + sae.arch + "; drop it.");
                }
            }
            if (data.widthHint() > 1) {
                // The data's width is known before reading it: the whole run's memory is checked now. Otherwise it is
                // checked once the data is open (TrainingMemory), with the real width rather than a stand-in of 1.
                int targetWidth = target.given() ? Math.max(1, org.sae4j.data.DataSources.widthHint(target.source)) : 0;
                SaeSize.requireTrainable(sae.builder(data.widthHint(), targetWidth, skip, fit.seed).config(), fit.batchSize,
                        false);
            } else {
                org.sae4j.model.sae.Architecture.parse(sae.arch);
            }
            return;
        }
        for (String option : SaeFlags.NAMES) {
            if (parsed.hasMatchedOption(option)) {
                throw new InvalidInputException(option + " configures a dictionary-learning SAE; give --arch too "
                        + "(standard, topk, batchtopk, jumprelu, matryoshka or gated).");
            }
        }
        ModelSize.requireTrainable(model.builder(data.widthHint(), fit.seed).config(), fit.batchSize, false);
    }

    /**
     * An option this run at --target-l0 would ignore is refused; a run continued from its checkpoint began with it
     * before this check existed, so it only says so and goes on as it began.
     */
    private void checkIgnoredAtTarget(PrintWriter w, String arch) {
        String reason = IgnoredAtTarget.reason(arch, control.targetL0,
                spec.commandLine().getParseResult()::hasMatchedOption);
        if (reason == null) {
            return;
        }
        if (resumeState == null) {
            throw new InvalidInputException(IgnoredAtTarget.refusal(reason));
        }
        w.println(IgnoredAtTarget.warning(reason, "the run began with it and continues as it began"));
    }

    /** Loads the model to continue; flags that would redefine it are refused rather than silently ignored. */
    private Model resumedModel() {
        List<String> fixed = new ArrayList<>(List.of(ModelFlags.NAMES));
        fixed.addAll(List.of(SaeFlags.NAMES));
        fixed.add("--scale");
        fixed.add("--skip");
        for (String option : fixed) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new InvalidInputException("--resume continues the model in '" + resume + "' with its own "
                        + "architecture, penalties and scaling, so " + option + " cannot be changed; drop it.");
            }
        }
        return ModelFile.load(resume);
    }
}
