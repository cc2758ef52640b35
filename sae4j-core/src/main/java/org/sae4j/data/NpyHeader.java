package org.sae4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * The header of a .npy file: a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 * It is parsed by hand because the grammar numpy writes (strings, True/False, ints, tuples) fits in
 * a page, and pulling in a Python-literal or pickle library for it would be far heavier than the format.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    static NpyHeader parse(String text, String name) {
        Object parsed = new Parser(text, name).document();
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw bad(name, "is not a dict");
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw bad(name, "lacks one of the keys 'descr', 'fortran_order', 'shape'");
        }
        if (!(fortran instanceof Boolean f)) {
            throw bad(name, "has fortran_order " + fortran + " instead of True or False");
        }
        if (!(shape instanceof List<?> dims)) {
            throw bad(name, "has shape " + shape + " instead of a tuple");
        }
        long[] sizes = new long[dims.size()];
        for (int i = 0; i < sizes.length; i++) {
            if (!(dims.get(i) instanceof Long n) || n < 0) {
                throw bad(name, "has shape entry " + dims.get(i) + " instead of a non-negative integer");
            }
            sizes[i] = n;
        }
        // A structured dtype arrives as a list; keep its text so the caller can name it in the error.
        return new NpyHeader(descr instanceof String s ? s : String.valueOf(descr), f, sizes);
    }

    private static InvalidInputException bad(String name, String what) {
        return new InvalidInputException("File '" + name + "' has a .npy header that " + what
                + "; expected a dict like {'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols)}.");
    }

    /** Headers numpy writes nest 2 or 3 deep (structured dtypes a little more); crafted ones could overflow the stack. */
    private static final int MAX_DEPTH = 32;

    /** Recursive descent over the tiny literal grammar; values become String, Boolean, Long, List or Map. */
    private static final class Parser {
        private final String s;
        private final String name;
        private int pos;
        private int depth;

        Parser(String s, String name) {
            this.s = s;
            this.name = name;
        }

        Object document() {
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
            return bad(name, what);
        }
    }
}
