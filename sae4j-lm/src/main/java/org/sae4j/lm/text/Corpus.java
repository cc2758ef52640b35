package org.sae4j.lm.text;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sae4j.InvalidInputException;

/**
 * Where capture's text comes from: the embedded public-domain corpus, or files ({@code .txt} with one document per
 * line, {@code .jsonl} with one JSON object per line, either optionally {@code .gz}), folders of them (searched
 * in name order, recursively) and globs. Documents are numbered from 0 in that order; blank lines are not
 * documents. The corpus is read again from the start whenever it is opened, so a resumed capture counts the same
 * documents.
 */
public final class Corpus {
    /**
     * The embedded corpus (see corpus/SOURCES.txt), 6,695 documents, 1.42M MiniLM text tokens: the Jargon File and
     * The Devil's Dictionary (documents 0 to 5,505, one paragraph each), then the King James Bible (5,506 to 6,694, one
     * chapter each). The KJV came second so that the first part's document numbers did not change.
     */
    public static final String EMBEDDED = "embedded";
    static final List<String> EMBEDDED_RESOURCES = List.of("/org/sae4j/lm/corpus/jargon-devil.txt.gz",
            "/org/sae4j/lm/corpus/kjv.txt.gz");

    private final String spec;
    private final List<Path> files;
    private final String textField;
    private final long maxDocuments;

    private Corpus(String spec, List<Path> files, String textField, long maxDocuments) {
        this.spec = spec;
        this.files = files;
        this.textField = textField;
        this.maxDocuments = maxDocuments;
    }

    /** This corpus cut to its first {@code n} documents (null: all of them). */
    public Corpus limit(Long n) {
        return new Corpus(spec, files, textField, n == null ? Long.MAX_VALUE : n);
    }

    /** Says in one sentence that the corpus holds no document, before anything is captured. */
    public void requireSome() {
        try (Documents d = open()) {
            if (d.next() == null) {
                throw new InvalidInputException("Text '" + spec + "' holds no documents (no line with text); expected at least one.");
            }
        }
    }

    /** The corpus that {@code specs} name (comma-free: one spec per entry); empty means the embedded one. */
    public static Corpus of(List<String> specs, String textField) {
        if (specs == null || specs.isEmpty() || (specs.size() == 1 && EMBEDDED.equals(specs.get(0)))) {
            return new Corpus(EMBEDDED, List.of(), textField, Long.MAX_VALUE);
        }
        List<Path> files = new ArrayList<>();
        for (String s : specs) {
            files.addAll(list(s));
        }
        return new Corpus(String.join(",", specs), files, textField, Long.MAX_VALUE);
    }

    /** A name for capture.json and messages: "embedded" or the specs as given (a --documents limit is not part of it). */
    public String describe() {
        return spec;
    }

    /** Reads the documents from the first. */
    public Documents open() {
        return new Documents(files, textField, files.isEmpty() ? EMBEDDED_RESOURCES : null, maxDocuments);
    }

    private static List<Path> list(String spec) {
        Path p;
        try {
            p = Path.of(spec);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("Text '" + spec + "' is not a valid path; expected a .txt, .txt.gz or .jsonl "
                    + "file, a folder or a glob of them.");
        }
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                List<Path> found = walk.filter(f -> Files.isRegularFile(f) && isText(f)).sorted().toList();
                if (found.isEmpty()) {
                    throw new InvalidInputException("Folder '" + spec + "' holds no .txt, .txt.gz, .jsonl or .jsonl.gz "
                            + "files; expected text to capture.");
                }
                return found;
            } catch (IOException e) {
                throw new InvalidInputException("Cannot list the folder '" + spec + "' (" + org.sae4j.IoErrors.reason(e) + ").");
            }
        }
        if (spec.contains("*") || spec.contains("?") || spec.contains("[") || spec.contains("{")) {
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
                ds.forEach(f -> {
                    if (Files.isRegularFile(f)) {
                        found.add(f);
                    }
                });
            } catch (IOException e) {
                throw new InvalidInputException("Cannot list '" + spec + "' (" + org.sae4j.IoErrors.reason(e) + ").");
            }
            if (found.isEmpty()) {
                throw new InvalidInputException("No files match '" + spec + "'; expected a glob of text files.");
            }
            found.sort(null);
            return found;
        }
        throw new InvalidInputException("Text file '" + spec + "' does not exist; expected a .txt, .txt.gz or .jsonl file, "
                + "a folder, a glob, or 'embedded'.");
    }

    static boolean isText(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".txt") || n.endsWith(".txt.gz") || n.endsWith(".jsonl") || n.endsWith(".jsonl.gz");
    }
}
