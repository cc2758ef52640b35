package org.sae4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * Reads a Hugging Face {@code tokenizer.json} into a {@link Tokenizer}: a WordPiece model with a BertNormalizer and
 * BertPreTokenizer (BERT, MiniLM, BGE, E5), or a BPE model behind a ByteLevel pre-tokenizer (GPT-2 and its
 * descendants). Anything else is refused in one sentence naming the field, so a tokenizer is never half-understood.
 */
public final class TokenizerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerJson() {
    }

    /** Parses {@code json}, the tokenizer file {@code name} (named in errors). */
    public static Tokenizer parse(String name, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException("Tokenizer '" + name + "' is not valid JSON; expected a Hugging Face tokenizer.json.");
        }
        if (root == null || !root.path("model").isObject()) {
            throw new InvalidInputException("Tokenizer '" + name + "' has no 'model' object; expected a Hugging Face tokenizer.json.");
        }
        JsonNode model = root.path("model");
        String type = model.path("type").asText("");
        Map<String, Integer> vocab = new HashMap<>();
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
            size = Math.max(size, e.getValue().asInt() + 1);
        }
        if (vocab.isEmpty()) {
            throw new InvalidInputException("Tokenizer '" + name + "' has an empty 'model.vocab'; expected its token-to-id map.");
        }
        AddedTokens added = new AddedTokens();
        Map<String, Integer> addedIds = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            added.add(t.path("content").asText(), t.path("id").asInt());
            addedIds.put(t.path("content").asText(), t.path("id").asInt());
            size = Math.max(size, t.path("id").asInt() + 1);
        }
        String[] tokens = new String[size];
        vocab.forEach((tok, id) -> tokens[id] = tok);
        addedIds.forEach((tok, id) -> {
            tokens[id] = tok;
            vocab.putIfAbsent(tok, id);
        });
        int[][] around = PostProcessor.around(name, root.path("post_processor"), addedIds);
        return switch (type) {
            case "WordPiece" -> wordPiece(name, root, model, vocab, tokens, added, around);
            case "BPE" -> bpe(name, root, model, vocab, tokens, added, around);
            default -> throw new InvalidInputException("Tokenizer '" + name + "' has model.type '" + type
                    + "'; expected WordPiece (BERT) or BPE (byte-level, GPT-2 style).");
        };
    }

    private static Tokenizer wordPiece(String name, JsonNode root, JsonNode model, Map<String, Integer> vocab,
                                       String[] tokens, AddedTokens added, int[][] around) {
        JsonNode n = root.path("normalizer");
        BertNormalizer normalizer = null;
        if (!n.isMissingNode() && !n.isNull()) {
            if (!"BertNormalizer".equals(n.path("type").asText())) {
                throw new InvalidInputException("Tokenizer '" + name + "' has normalizer.type '" + n.path("type").asText()
                        + "' with a WordPiece model; expected BertNormalizer.");
            }
            JsonNode strip = n.path("strip_accents");
            normalizer = new BertNormalizer(n.path("clean_text").asBoolean(true), n.path("handle_chinese_chars").asBoolean(true),
                    strip.isBoolean() ? strip.asBoolean() : null, n.path("lowercase").asBoolean(true));
        }
        String pre = root.path("pre_tokenizer").path("type").asText("BertPreTokenizer");
        if (!"BertPreTokenizer".equals(pre)) {
            throw new InvalidInputException("Tokenizer '" + name + "' has pre_tokenizer.type '" + pre
                    + "' with a WordPiece model; expected BertPreTokenizer.");
        }
        String unkToken = model.path("unk_token").asText("[UNK]");
        Integer unk = vocab.get(unkToken);
        if (unk == null) {
            throw new InvalidInputException("Tokenizer '" + name + "' names unk_token '" + unkToken
                    + "', which is not in its vocabulary; expected a token of model.vocab.");
        }
        return new WordPieceTokenizer(new WordPieceTokenizer.Vocabulary(vocab, tokens), added, normalizer,
                model.path("continuing_subword_prefix").asText("##"), model.path("max_input_chars_per_word").asInt(100),
                unk, around[0], around[1]);
    }

    private static Tokenizer bpe(String name, JsonNode root, JsonNode model, Map<String, Integer> vocab, String[] tokens,
                                 AddedTokens added, int[][] around) {
        List<String[]> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            String[] pair = m.isArray() ? new String[] {m.get(0).asText(), m.get(1).asText()} : m.asText().split(" ", 2);
            if (pair.length != 2) {
                throw new InvalidInputException("Tokenizer '" + name + "' has a merge '" + m.asText()
                        + "'; expected two tokens separated by a space.");
            }
            merges.add(pair);
        }
        JsonNode pre = root.path("pre_tokenizer");
        String pattern = ByteLevelBpeTokenizer.GPT2_PATTERN;
        JsonNode byteLevel = pre;
        if ("Sequence".equals(pre.path("type").asText())) {
            byteLevel = null;
            for (JsonNode p : pre.path("pretokenizers")) {
                String t = p.path("type").asText();
                if ("Split".equals(t) && p.path("pattern").has("Regex")) {
                    pattern = p.path("pattern").path("Regex").asText();
                } else if ("ByteLevel".equals(t)) {
                    byteLevel = p;
                } else {
                    throw new InvalidInputException("Tokenizer '" + name + "' has a pre-tokenizer step '" + t
                            + "'; expected a Split regex and ByteLevel for a BPE model.");
                }
            }
        }
        if (byteLevel == null || !"ByteLevel".equals(byteLevel.path("type").asText())) {
            throw new InvalidInputException("Tokenizer '" + name + "' has a BPE model without a ByteLevel pre-tokenizer; "
                    + "expected byte-level BPE (GPT-2 style); SentencePiece-style BPE is not supported.");
        }
        java.text.Normalizer.Form form = normalForm(name, root.path("normalizer"));
        try {
            return new ByteLevelBpeTokenizer(vocab, tokens, merges, added, form, pattern,
                    byteLevel.path("add_prefix_space").asBoolean(false), model.path("ignore_merges").asBoolean(false),
                    around[0], around[1]);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new InvalidInputException("Tokenizer '" + name + "' has a Split pattern Java cannot read ("
                    + e.getDescription() + "); expected a regular expression without Oniguruma-only syntax.");
        }
    }

    private static java.text.Normalizer.Form normalForm(String name, JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        return switch (n.path("type").asText()) {
            case "NFC" -> java.text.Normalizer.Form.NFC;
            case "NFKC" -> java.text.Normalizer.Form.NFKC;
            default -> throw new InvalidInputException("Tokenizer '" + name + "' has normalizer.type '" + n.path("type").asText()
                    + "' with a BPE model; expected none, NFC or NFKC.");
        };
    }
}
