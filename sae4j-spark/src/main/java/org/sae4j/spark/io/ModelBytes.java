package org.sae4j.spark.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sae4j.io.ModelFile;
import org.sae4j.io.StateFile;
import org.sae4j.model.Model;
import org.sae4j.tensor.NamedArrays;

/**
 * sae4j's files as bytes, so a model or a training state travels in a broadcast or lands on any Hadoop file system:
 * the bytes are exactly the {@link ModelFile} (or {@link StateFile}) a local run writes, passed through a private
 * temporary file because those formats are written and read by path.
 */
public final class ModelBytes {
    private ModelBytes() {
    }

    /** The model file of {@code model}, as bytes. */
    public static byte[] of(Model model) {
        return write(file -> ModelFile.save(model, file));
    }

    /** The model in model-file bytes. */
    public static Model load(byte[] bytes) {
        return read(bytes, ModelFile::load);
    }

    /** The state file of {@code state}, as bytes. */
    public static byte[] ofState(NamedArrays state) {
        return write(file -> StateFile.write(state, file));
    }

    /** The state in state-file bytes. */
    public static NamedArrays loadState(byte[] bytes) {
        return read(bytes, StateFile::read);
    }

    private static byte[] write(Consumer<Path> writer) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sae4j-spark");
            Path file = dir.resolve("file.safetensors");
            writer.accept(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static <T> T read(byte[] bytes, Function<Path, T> reader) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sae4j-spark");
            Path file = dir.resolve("file.safetensors");
            Files.write(file, bytes);
            return reader.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless; the result is already in hand
        }
    }
}
