package org.sae4j.data.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;

/**
 * The token strings of a Hugging Face {@code tokenizer.json}, for display only (sae4j never tokenizes here): each
 * id's raw piece ({@code model.vocab} and {@code added_tokens}) and its text, the piece as it reads inside running
 * text, so the texts of consecutive tokens concatenate into the document. WordPiece marks a continuation with
 * {@code ##} (other words get a leading space), byte-level BPE spells bytes as printable characters ({@code Ġ} is a
 * space, {@code Ċ} a newline; decoded back to UTF-8), SentencePiece uses {@code ▁} for a space.
 */
public final class Vocabulary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String[] pieces;
    private final String[] texts;
    private final boolean[] special;

    private Vocabulary(String[] pieces, String[] texts, boolean[] special) {
        this.pieces = pieces;
        this.texts = texts;
        this.special = special;
    }

    /** Reads {@code file}, a tokenizer.json, or says in one sentence why it cannot. */
    public static Vocabulary read(Path file) {
        try {
            return parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the tokenizer '" + file + "' (" + IoErrors.reason(e)
                    + "); expected a Hugging Face tokenizer.json.");
        }
    }

    /** Parses the bytes of a tokenizer.json named {@code file} in messages (a model's own, not on disk). */
    public static Vocabulary parse(String file, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the tokenizer '" + file + "' (" + IoErrors.reason(e)
                    + "); expected a Hugging Face tokenizer.json.");
        }
        JsonNode model = root == null ? null : root.path("model");
        JsonNode vocab = model == null ? null : model.path("vocab");
        if (vocab == null || !(vocab.isObject() || vocab.isArray()) || vocab.isEmpty()) {
            throw new InvalidInputException("Tokenizer '" + file + "' has no model.vocab; expected a Hugging Face "
                    + "tokenizer.json (WordPiece, BPE or Unigram).");
        }
        String type = model.path("type").asText("");
        int size = 0;
        java.util.List<Map.Entry<String, Integer>> entries = new java.util.ArrayList<>();
        if (vocab.isObject()) { // WordPiece and BPE: {"piece": id}
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                entries.add(Map.entry(e.getKey(), e.getValue().asInt()));
            }
        } else { // Unigram: [["piece", score], ...], the id is the position
            for (int i = 0; i < vocab.size(); i++) {
                entries.add(Map.entry(vocab.get(i).path(0).asText(), i));
            }
        }
        java.util.Set<Integer> specials = new java.util.HashSet<>();
        for (JsonNode t : root.path("added_tokens")) {
            entries.add(Map.entry(t.path("content").asText(), t.path("id").asInt()));
            if (t.path("special").asBoolean(false)) {
                specials.add(t.path("id").asInt());
            }
        }
        for (Map.Entry<String, Integer> e : entries) {
            size = Math.max(size, e.getValue() + 1);
        }
        String[] pieces = new String[size];
        for (Map.Entry<String, Integer> e : entries) {
            if (e.getValue() >= 0) {
                pieces[e.getValue()] = e.getKey();
            }
        }
        boolean byteLevel = "BPE".equals(type) && root.path("pre_tokenizer").toString().contains("ByteLevel")
                || "BPE".equals(type) && Arrays.stream(pieces).anyMatch(p -> p != null && p.startsWith("\u0120"));
        return of(type, pieces, specials, byteLevel);
    }

    /** A vocabulary of {@code pieces} (index = id) of tokenizer model {@code type}: WordPiece, BPE or Unigram. */
    public static Vocabulary of(String type, String[] pieces, java.util.Set<Integer> specials, boolean byteLevel) {
        String[] texts = new String[pieces.length];
        boolean[] special = new boolean[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            special[i] = specials.contains(i);
            if (p == null) {
                texts[i] = null;
            } else if (special[i]) {
                texts[i] = p;
            } else if ("WordPiece".equals(type)) {
                texts[i] = p.startsWith("##") ? p.substring(2) : " " + p;
            } else if (byteLevel) {
                texts[i] = ByteLevel.decode(p);
            } else {
                texts[i] = p.replace('\u2581', ' ');
            }
        }
        return new Vocabulary(pieces.clone(), texts, special);
    }

    public int size() {
        return pieces.length;
    }

    /** The raw piece of {@code id} as the tokenizer spells it, or a placeholder for an id it does not know. */
    public String piece(int id) {
        return id >= 0 && id < pieces.length && pieces[id] != null ? pieces[id] : unknown(id);
    }

    /** The piece as it reads in running text (leading space included), or a placeholder for an unknown id. */
    public String text(int id) {
        return id >= 0 && id < texts.length && texts[id] != null ? texts[id] : unknown(id);
    }

    /** True for the tokenizer's special tokens ([CLS], &lt;bos&gt;, ...). */
    public boolean isSpecial(int id) {
        return id >= 0 && id < special.length && special[id];
    }

    private static String unknown(int id) {
        return "<" + id + ">";
    }

    /** GPT-2's byte-to-printable-character map, inverted: a byte-level BPE piece back to its UTF-8 text. */
    static final class ByteLevel {
        private static final int[] BYTE_OF = new int[512];

        static {
            Arrays.fill(BYTE_OF, -1);
            int n = 0;
            for (int b = 0; b < 256; b++) {
                boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
                BYTE_OF[printable ? b : 256 + n++] = b;
            }
        }

        private ByteLevel() {
        }

        static String decode(String piece) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < piece.length(); i++) {
                char c = piece.charAt(i);
                int b = c < BYTE_OF.length ? BYTE_OF[c] : -1;
                if (b < 0) { // not a byte-level character: keep it as it is
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(b);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
