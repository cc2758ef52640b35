package org.sae4j.lm.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BERT's tokenizer as Hugging Face runs it from a {@code tokenizer.json}: added tokens such as [MASK] are taken from
 * the raw text first; the rest goes through the {@link BertNormalizer}, is split on whitespace and around every
 * punctuation character (BertPreTokenizer), and each word becomes the longest vocabulary entries from its start, the
 * later ones with the {@code ##} prefix (WordPiece); a word with a piece that is in no entry, or longer than
 * {@code max_input_chars_per_word} characters, becomes the single unknown token.
 */
final class WordPieceTokenizer implements Tokenizer {
    private final Vocabulary vocab;
    private final AddedTokens added;
    private final BertNormalizer normalizer;
    private final String prefix;
    private final int maxChars;
    private final int unk;
    private final int[] before;
    private final int[] after;

    WordPieceTokenizer(Vocabulary vocab, AddedTokens added, BertNormalizer normalizer, String continuingPrefix, int maxChars,
                       int unk, int[] before, int[] after) {
        this.vocab = vocab;
        this.added = added;
        this.normalizer = normalizer;
        this.prefix = continuingPrefix;
        this.maxChars = maxChars;
        this.unk = unk;
        this.before = before;
        this.after = after;
    }

    @Override
    public int[] encode(String text) {
        IdList ids = new IdList();
        added.split(text, (segment, addedId) -> {
            if (addedId >= 0) {
                ids.add(addedId);
            } else {
                String normalized = normalizer == null ? segment : normalizer.normalize(segment);
                for (String word : preTokenize(normalized)) {
                    wordPiece(word, ids);
                }
            }
        });
        return ids.toArray();
    }

    /** BertPreTokenizer: whitespace separates and is dropped; each punctuation character is a word of its own. */
    static List<String> preTokenize(String s) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (BertNormalizer.isWhitespace(c) || isPunctuation(c)) {
                if (start >= 0) {
                    words.add(s.substring(start, i));
                    start = -1;
                }
                if (!BertNormalizer.isWhitespace(c)) {
                    words.add(s.substring(i, i + n));
                }
            } else if (start < 0) {
                start = i;
            }
            i += n;
        }
        if (start >= 0) {
            words.add(s.substring(start));
        }
        return words;
    }

    /** ASCII punctuation (which includes symbols such as $, + and ~) or any Unicode punctuation category (P*). */
    static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private void wordPiece(String word, IdList ids) {
        int chars = word.codePointCount(0, word.length());
        if (chars > maxChars) {
            ids.add(unk);
            return;
        }
        int mark = ids.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            int found = -1;
            while (start < end) {
                String piece = start > 0 ? prefix + word.substring(start, end) : word.substring(start, end);
                Integer id = vocab.id(piece);
                if (id != null) {
                    found = id;
                    break;
                }
                end = word.offsetByCodePoints(end, -1); // shorten by one character, never inside a surrogate pair
            }
            if (found < 0) {
                ids.truncate(mark);
                ids.add(unk);
                return;
            }
            ids.add(found);
            start = end;
        }
    }

    @Override
    public int[] prefix() {
        return before.clone();
    }

    @Override
    public int[] suffix() {
        return after.clone();
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public String token(int id) {
        return vocab.token(id);
    }

    @Override
    public String kind() {
        return "WordPiece";
    }

    /** A token-to-id map and its inverse. */
    record Vocabulary(Map<String, Integer> ids, String[] tokens) {
        Integer id(String token) {
            return ids.get(token);
        }

        String token(int id) {
            return id >= 0 && id < tokens.length ? tokens[id] : null;
        }

        int size() {
            return tokens.length;
        }
    }
}
