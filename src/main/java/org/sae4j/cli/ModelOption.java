package org.sae4j.cli;

import java.nio.file.Path;
import org.sae4j.io.ModelFile;
import org.sae4j.model.Model;
import picocli.CommandLine.Option;

/** The {@code --model} option of every command that uses a trained model. */
final class ModelOption {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A model file from 'sae4j train'.")
    Path file;

    Model load() {
        return ModelFile.load(file);
    }
}
