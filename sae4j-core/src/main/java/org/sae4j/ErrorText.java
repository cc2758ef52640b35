package org.sae4j;

/**
 * Makes an error message safe to print: text echoed from a file (a dtype, a tensor name, a CSV cell) may
 * hold terminal escape sequences, newlines or bidi overrides; they are shown as \\uXXXX instead, which
 * also keeps every error on one line. One place for every front end (the command line, the Spark driver).
 */
public final class ErrorText {
    private ErrorText() {
    }

    public static String printable(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
