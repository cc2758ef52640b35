package org.sae4j.lm.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;

/**
 * The documents of a {@link Corpus}, one at a time, file after file. Text must be UTF-8: a malformed byte stops the
 * read with a sentence naming the file and line, rather than turning into replacement characters the model would
 * then see as text.
 */
public final class Documents implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Path> files;
    private final String textField;
    private final List<String> resources;
    private int nextFile;
    private Utf8Lines reader;
    private String current;
    private boolean jsonl;
    private long line;
    private long index;

    private final long max;

    Documents(List<Path> files, String textField, List<String> resources, long max) {
        this.max = max;
        this.files = files;
        this.textField = textField == null ? "text" : textField;
        this.resources = resources;
    }

    /** How many documents {@link #next()} has returned. */
    public long index() {
        return index;
    }

    /** The next document's text, or null after the last. */
    public String next() {
        while (index < max) {
            if (reader == null && !openNext()) {
                return null;
            }
            String l;
            try {
                l = reader.readLine();
            } catch (CharacterCodingException e) {
                throw new InvalidInputException("File '" + current + "' is not valid UTF-8 at line " + (line + 1)
                        + "; expected UTF-8 text.");
            } catch (IOException e) {
                throw new InvalidInputException("Cannot read '" + current + "' (" + IoErrors.reason(e) + ").");
            }
            if (l == null) {
                closeReader();
                continue;
            }
            line++;
            String text = jsonl ? jsonText(l) : l;
            if (text != null && !text.isBlank()) {
                index++;
                return text;
            }
        }
        return null;
    }

    private String jsonText(String l) {
        if (l.isBlank()) {
            return null;
        }
        JsonNode o;
        try {
            o = JSON.readTree(l);
        } catch (IOException e) {
            throw new InvalidInputException("Line " + line + " of '" + current + "' is not valid JSON; expected one JSON "
                    + "object per line.");
        }
        JsonNode t = o == null ? null : o.get(textField);
        if (t == null || !t.isTextual()) {
            throw new InvalidInputException("Line " + line + " of '" + current + "' has no text field '" + textField
                    + "'; expected a string there (or give --text-field).");
        }
        return t.asText();
    }

    private boolean openNext() {
        try {
            InputStream in;
            if (resources != null) {
                if (nextFile >= resources.size()) {
                    return false;
                }
                String resource = resources.get(nextFile);
                in = Documents.class.getResourceAsStream(resource);
                if (in == null) {
                    throw new IllegalStateException("bundled corpus " + resource + " is missing from the jar");
                }
                current = "embedded";
                in = new GZIPInputStream(in, 1 << 16);
                jsonl = false;
            } else {
                if (nextFile >= files.size()) {
                    return false;
                }
                Path f = files.get(nextFile);
                current = f.toString();
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                in = Files.newInputStream(f);
                if (n.endsWith(".gz")) {
                    in = new GZIPInputStream(in, 1 << 16);
                }
                jsonl = n.endsWith(".jsonl") || n.endsWith(".jsonl.gz");
            }
            nextFile++;
            line = 0;
            reader = new Utf8Lines(in);
            return true;
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read '" + current + "' (" + IoErrors.reason(e) + ").");
        }
    }

    private void closeReader() {
        try {
            reader.close();
        } catch (IOException e) {
            // read-only
        }
        reader = null;
    }

    @Override
    public void close() {
        if (reader != null) {
            closeReader();
        }
    }
}
