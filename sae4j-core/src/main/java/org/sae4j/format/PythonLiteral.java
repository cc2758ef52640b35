package org.sae4j.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sae4j.InvalidInputException;

/**
 * The Python literals a .npy header is written in (strings, True/False/None, integers, tuples, lists, dicts),
 * parsed by recursive descent: the grammar numpy writes fits in a page, and a Python-literal or pickle library
 * would be far heavier than the format. Values become String, Boolean, Long, List or Map.
 */
final class PythonLiteral {
    /** Headers numpy writes nest 2 or 3 deep (structured dtypes a little more); crafted ones could overflow the stack. */
    private static final int MAX_DEPTH = 32;

    private final String s;
    private final Function<String, InvalidInputException> error;
    private int pos;
    private int depth;

    private PythonLiteral(String s, Function<String, InvalidInputException> error) {
        this.s = s;
        this.error = error;
    }

    /**
     * The value {@code text} spells; {@code error} turns what is wrong ("ends early") into the caller's sentence.
     */
    static Object parse(String text, Function<String, InvalidInputException> error) {
        return new PythonLiteral(text, error).document();
    }

    private Object document() {
        Object v = value();
        skipSpace();
        if (pos != s.length()) {
            throw error("has unexpected text after the closing brace");
        }
        return v;
    }

    private Object value() {
        skipSpace();
        if (pos >= s.length()) {
            throw error("ends early");
        }
        char c = s.charAt(pos);
        if (c == '{' || c == '(' || c == '[') {
            if (++depth > MAX_DEPTH) {
                throw error("nests brackets more than " + MAX_DEPTH + " deep");
            }
            Object nested = c == '{' ? dict() : sequence(c == '(' ? ')' : ']');
            depth--;
            return nested;
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '-' || Character.isDigit(c)) {
            return integer();
        }
        for (String word : new String[] {"True", "False", "None"}) {
            if (s.startsWith(word, pos)) {
                pos += word.length();
                return word.equals("None") ? "None" : Boolean.valueOf(word.equals("True"));
            }
        }
        throw error("has unexpected character '" + c + "' at offset " + pos);
    }

    private Map<String, Object> dict() {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        while (true) {
            skipSpace();
            if (accept('}')) {
                return out;
            }
            Object key = value();
            if (!(key instanceof String k)) {
                throw error("has a non-string key " + key);
            }
            skipSpace();
            expect(':');
            out.put(k, value());
            skipSpace();
            if (!accept(',')) {
                skipSpace();
                expect('}');
                return out;
            }
        }
    }

    private List<Object> sequence(char close) {
        List<Object> out = new ArrayList<>();
        pos++;
        while (true) {
            skipSpace();
            if (accept(close)) {
                return out;
            }
            out.add(value());
            skipSpace();
            if (!accept(',')) {
                skipSpace();
                expect(close);
                return out;
            }
        }
    }

    private String string(char quote) {
        int end = s.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("has an unterminated string");
        }
        String out = s.substring(pos + 1, end);
        pos = end + 1;
        return out;
    }

    private Long integer() {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        try {
            Long n = Long.valueOf(s.substring(start, pos));
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++; // Python 2 era files write long integers as 3L
            }
            return n;
        } catch (NumberFormatException e) {
            throw error("has an unreadable integer '" + s.substring(start, pos) + "'");
        }
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean accept(char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("is missing '" + c + "' at offset " + pos);
        }
    }

    private InvalidInputException error(String what) {
        return error.apply(what);
    }
}
