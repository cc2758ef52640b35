package org.sae4j.cli;

import java.nio.file.Path;
import java.util.Set;
import org.sae4j.InvalidInputException;
import org.sae4j.io.OutputLock;
import org.sae4j.io.StateFile;
import org.sae4j.tensor.NamedArrays;
import org.sae4j.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code train --resume OUT} where OUT has a checkpoint: the run's own command line, stored in the checkpoint,
 * is parsed again and continued to its planned end, writing to OUT; only the length of the plan may change.
 * Given other flags (other data, another output), {@code --resume} keeps its older meaning: train the saved
 * model further with a fresh optimizer.
 */
final class RunCheckpoint {
    private static final Set<String> ALLOWED = Set.of("--resume", "--epochs", "--samples", "--quiet");

    private RunCheckpoint() {
    }

    /** The checkpoint beside a model file: OUT.ckpt (or the file itself when it is one). */
    static Path of(Path model) {
        String name = model.getFileName().toString();
        return name.endsWith(".ckpt") ? model : model.resolveSibling(name + ".ckpt");
    }

    interface Continuation {
        Integer run(TrainCommand command, NamedArrays state, long totalRows);
    }

    /** True when only the plan's length is given: then the run continues exactly, else the saved model is trained on. */
    static boolean onlyExtends(CommandSpec spec) {
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!ALLOWED.contains(o.longestName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sentence for {@code --resume OUT} where OUT has neither a checkpoint nor a model: the run was stopped before
     * it wrote its first checkpoint (once its data is loaded), or never wrote there; a live run there is refused.
     */
    static InvalidInputException nothingToResume(Path resume) {
        String command = OutputLock.staleCommand(resume); // refuses a run that is writing there now
        if (command != null) {
            return new InvalidInputException("There is nothing to resume in '" + resume + "': its run was stopped "
                    + "before its first checkpoint (written once the data is loaded), so start it again: " + command);
        }
        return new InvalidInputException("There is nothing to resume in '" + resume + "': no checkpoint '" + of(resume)
                + "' and no model; a run stopped before its first checkpoint (written once the data is loaded) must be "
                + "started again with its own command line.");
    }

    static Integer continueRun(CommandSpec spec, Path resume, int epochs, Long samples, boolean quiet, Continuation go) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        Path checkpoint = of(resume);
        NamedArrays state = StateFile.read(checkpoint);
        String joined = state.text("run/args");
        String[] args = joined.isEmpty() ? new String[0] : joined.split("\u0000", -1);
        long[] plan = state.longs("run/plan");
        long total = plan[2];
        if (parsed.hasMatchedOption("--epochs")) {
            total += epochs * plan[0];
        }
        if (samples != null) {
            total += samples;
        }
        CommandLine again = new CommandLine(new TrainCommand());
        again.setOut(spec.commandLine().getOut());
        again.setErr(spec.commandLine().getErr());
        again.setOverwrittenOptionsAllowed(true);
        again.parseArgs(args);
        TrainCommand run = again.getCommand();
        String file = checkpoint.getFileName().toString();
        run.out = checkpoint.resolveSibling(file.substring(0, file.length() - ".ckpt".length()));
        run.quiet |= quiet;
        if (Trainer.isSearch(state)) {
            spec.commandLine().getOut().printf("Resuming the coefficient search in %s%n", checkpoint);
        } else {
            spec.commandLine().getOut().printf("Resuming %s at step %d%n", checkpoint, state.longs("run/position")[0]);
        }
        return go.run(run, state, total);
    }
}
