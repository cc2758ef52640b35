package org.sae4j.io.interchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.sae4j.InvalidInputException;

/**
 * One entry point for SAEs written by the Python tools: recognises which kind a path is and reads it.
 * A directory with cfg.json and sae_weights.safetensors is SAELens; cfg.json and sae.safetensors is sparsify;
 * params.npz (or any .npz file) is Gemma Scope. A file inside such a directory (its cfg.json or weights)
 * stands for the directory, since that is what a user tab-completes to.
 */
public final class ExternalSaes {
    /** The formats {@link #read} understands. */
    public enum Kind {
        SAELENS, SPARSIFY, GEMMA_SCOPE
    }

    private static final String EXPECTED = "expected a SAELens directory (cfg.json + sae_weights.safetensors), "
            + "a sparsify directory (cfg.json + sae.safetensors) or a Gemma Scope params.npz";

    private ExternalSaes() {
    }

    /** Which format {@code path} is in, without reading it; empty when it is none of them (or missing). */
    public static Optional<Kind> detect(Path path) {
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".npz")) {
                return Optional.of(Kind.GEMMA_SCOPE);
            }
            boolean partOfDirectory = name.equals(SaeLensWriter.CFG) || name.equals(SaeLensWriter.WEIGHTS)
                    || name.equals(SparsifyReader.WEIGHTS) || name.equals(SaeLensWriter.SPARSITY);
            Path parent = path.toAbsolutePath().getParent();
            return partOfDirectory && parent != null ? detectDirectory(parent) : Optional.empty();
        }
        return Files.isDirectory(path) ? detectDirectory(path) : Optional.empty();
    }

    /**
     * Reads the SAE at {@code path} in whichever format it is.
     *
     * @throws InvalidInputException (one sentence) if the path is missing, in no known format, or malformed
     */
    public static ExternalSae read(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("Model '" + path + "' does not exist; " + EXPECTED + ".");
        }
        Kind kind = detect(path).orElseThrow(() -> new InvalidInputException("Model '" + path
                + "' is not an SAE format sae4j can import; " + EXPECTED + "."));
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        return switch (kind) {
            case SAELENS -> SaeLensReader.read(dir);
            case SPARSIFY -> SparsifyReader.read(dir);
            case GEMMA_SCOPE -> GemmaScopeReader.read(Files.isDirectory(path) ? path.resolve(GemmaScopeReader.FILE) : path);
        };
    }

    private static Optional<Kind> detectDirectory(Path dir) {
        boolean cfg = Files.isRegularFile(dir.resolve(SaeLensWriter.CFG));
        if (cfg && Files.isRegularFile(dir.resolve(SaeLensWriter.WEIGHTS))) {
            return Optional.of(Kind.SAELENS);
        }
        if (cfg && Files.isRegularFile(dir.resolve(SparsifyReader.WEIGHTS))) {
            return Optional.of(Kind.SPARSIFY);
        }
        if (Files.isRegularFile(dir.resolve(GemmaScopeReader.FILE))) {
            return Optional.of(Kind.GEMMA_SCOPE);
        }
        return Optional.empty();
    }
}
