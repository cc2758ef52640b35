package org.sae4j.cli;

import java.nio.file.Path;
import org.sae4j.model.Autoencoder;
import picocli.CommandLine.Option;

/** The {@code --model} option of every command that uses a trained model. */
final class ModelOption {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A model file from 'sae4j train'.")
    Path file;

    Autoencoder load() {
        return Autoencoder.load(file);
    }
}
