package org.sae4j.cli;

import java.nio.file.Path;
import org.sae4j.io.ModelLoader;
import org.sae4j.model.Model;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --model} option of every command that uses a trained model. */
final class ModelOption {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A model file from 'sae4j train', or a SAELens or sparsify directory, or a Gemma Scope "
            + "params.npz.")
    Path file;

    /** The command this option belongs to, whose error stream takes the loader's notices. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Loads the model; what the loader changed on the way in (a folded activation scaler) goes to stderr. */
    Model load() {
        OutOfMemory.doing("loading the model '" + file + "'");
        return ModelLoader.load(file, line -> {
            if (command != null) {
                command.commandLine().getErr().println(line); // stderr, so eval --json stays one JSON line
            }
        });
    }
}
