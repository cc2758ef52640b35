package org.sae4j.lm.tokenizer;

import java.text.Normalizer;

/**
 * Hugging Face's {@code BertNormalizer}, step for step and in its order: drop NUL, U+FFFD and control characters and
 * turn whitespace into spaces ({@code clean_text}); put spaces around CJK ideographs ({@code handle_chinese_chars});
 * NFD and drop non-spacing marks ({@code strip_accents}, which defaults to {@code lowercase}); lowercase one code
 * point at a time (as Rust's {@code char::to_lowercase}: no final-sigma rule, 'İ' becomes "i̇").
 */
final class BertNormalizer {
    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    BertNormalizer(boolean cleanText, boolean chineseChars, Boolean stripAccents, boolean lowercase) {
        this.cleanText = cleanText;
        this.chineseChars = chineseChars;
        this.stripAccents = stripAccents == null ? lowercase : stripAccents;
        this.lowercase = lowercase;
    }

    String normalize(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (cleanText) {
                if (c == 0 || c == 0xFFFD || isControl(c)) {
                    return;
                }
                if (isWhitespace(c)) {
                    c = ' ';
                }
            }
            if (chineseChars && isChinese(c)) {
                b.append(' ').appendCodePoint(c).append(' ');
            } else {
                b.appendCodePoint(c);
            }
        });
        String s = b.toString();
        if (stripAccents) {
            StringBuilder t = new StringBuilder(s.length());
            Normalizer.normalize(s, Normalizer.Form.NFD).codePoints()
                    .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(t::appendCodePoint);
            s = t.toString();
        }
        return lowercase ? lowercase(s) : s;
    }

    private static String lowercase(String s) {
        StringBuilder t = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x80) {
                t.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c));
            } else {
                // One code point alone, so String's context rules (final sigma) never apply, as in Rust.
                t.append(new String(Character.toChars(c)).toLowerCase(java.util.Locale.ROOT));
            }
        });
        return t.toString();
    }

    /** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
    static boolean isWhitespace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** General category C (Cc, Cf, Cs, Co, Cn), except tab, newline and carriage return, which count as whitespace. */
    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE || t == Character.PRIVATE_USE
                || t == Character.UNASSIGNED;
    }

    /** The CJK Unified Ideograph blocks BERT splits around (not Hangul, kana or CJK punctuation). */
    static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
