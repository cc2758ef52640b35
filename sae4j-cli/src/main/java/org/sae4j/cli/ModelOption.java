package org.sae4j.cli;

import java.nio.file.Path;
import org.sae4j.io.ModelLoader;
import org.sae4j.model.Model;
import picocli.CommandLine.Option;

/** The {@code --model} option of every command that uses a trained model. */
final class ModelOption {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = {"A model file from 'sae4j train', or a SAELens or sparsify",
                "directory, or a Gemma Scope params.npz."})
    Path file;

    Model load() {
        return ModelLoader.load(file);
    }
}
