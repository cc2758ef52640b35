package org.sae4j.lm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2-style byte-level BPE from a {@code tokenizer.json}: added tokens are taken from the raw text, the rest is
 * optionally normalised (NFC/NFKC), split by the pre-tokenizer's pattern (GPT-2's by default, or a {@code Split}
 * pattern before a {@code ByteLevel} step, as Llama 3 and Qwen write it), each piece's UTF-8 bytes are mapped to the
 * 256 printable characters GPT-2 uses for bytes, and the merges are applied lowest rank first.
 */
final class ByteLevelBpeTokenizer implements Tokenizer {
    /** GPT-2's pre-tokenizer pattern ({@code \s} and {@code \p{L}} in their Unicode senses). */
    static final String GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final String[] BYTE_CHARS = byteChars();

    private final Map<String, Integer> vocab;
    private final String[] tokens;
    private final Map<String, Integer> ranks;
    private final AddedTokens added;
    private final java.text.Normalizer.Form form;
    private final Pattern split;
    private final boolean addPrefixSpace;
    private final boolean ignoreMerges;
    private final int[] before;
    private final int[] after;
    private final Map<String, int[]> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > 50_000;
        }
    };

    ByteLevelBpeTokenizer(Map<String, Integer> vocab, String[] tokens, List<String[]> merges, AddedTokens added,
                          java.text.Normalizer.Form form, String pattern, boolean addPrefixSpace, boolean ignoreMerges,
                          int[] before, int[] after) {
        this.vocab = vocab;
        this.tokens = tokens;
        this.ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            ranks.putIfAbsent(merges.get(i)[0] + " " + merges.get(i)[1], i);
        }
        this.added = added;
        this.form = form;
        this.split = Pattern.compile(pattern, Pattern.UNICODE_CHARACTER_CLASS);
        this.addPrefixSpace = addPrefixSpace;
        this.ignoreMerges = ignoreMerges;
        this.before = before;
        this.after = after;
    }

    @Override
    public int[] encode(String text) {
        IdList ids = new IdList();
        added.split(text, (segment, addedId) -> {
            if (addedId >= 0) {
                ids.add(addedId);
                return;
            }
            String s = form == null ? segment : java.text.Normalizer.normalize(segment, form);
            if (addPrefixSpace && !s.startsWith(" ")) {
                s = " " + s;
            }
            Matcher m = split.matcher(s);
            while (m.find()) {
                if (m.end() > m.start()) {
                    ids.addAll(word(m.group()));
                }
            }
        });
        return ids.toArray();
    }

    private int[] word(String piece) {
        int[] hit;
        synchronized (cache) {
            hit = cache.get(piece);
        }
        if (hit != null) {
            return hit;
        }
        StringBuilder mapped = new StringBuilder();
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
            mapped.append(BYTE_CHARS[b & 0xff]);
        }
        String w = mapped.toString();
        int[] ids;
        Integer whole = vocab.get(w);
        if (ignoreMerges && whole != null) {
            ids = new int[] {whole};
        } else {
            ids = merge(w);
        }
        synchronized (cache) {
            cache.put(piece, ids);
        }
        return ids;
    }

    /** Merges adjacent symbols, always the pair of lowest rank (leftmost on a tie), until no pair has a rank. */
    private int[] merge(String w) {
        java.util.ArrayList<String> symbols = new java.util.ArrayList<>();
        w.codePoints().forEach(c -> symbols.add(new String(Character.toChars(c))));
        while (symbols.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        int[] ids = new int[symbols.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = vocab.get(symbols.get(i));
            if (id == null) {
                throw new org.sae4j.InvalidInputException("The byte-level BPE vocabulary has no token '" + symbols.get(i)
                        + "'; expected every single byte's symbol in the vocabulary (a complete byte-level tokenizer.json).");
            }
            ids[i] = id;
        }
        return ids;
    }

    /** GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the rest map to U+0100 upwards. */
    private static String[] byteChars() {
        String[] chars = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            chars[b] = String.valueOf((char) (printable ? b : next++));
        }
        return chars;
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
        return tokens.length;
    }

    @Override
    public String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    @Override
    public String kind() {
        return "byte-level BPE";
    }
}
