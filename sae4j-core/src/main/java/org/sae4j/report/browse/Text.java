package org.sae4j.report.browse;

import java.util.Locale;
import org.sae4j.report.HtmlReport;

/** Number formats and escaping shared by the pages, so a value reads the same everywhere. */
final class Text {
    private Text() {
    }

    static String esc(String s) {
        return HtmlReport.esc(s);
    }

    /** Four significant digits: enough to tell activations apart, short enough to scan. */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** A fraction as a percentage; tiny but non-zero ones say so instead of rounding to 0. */
    static String percent(double fraction) {
        if (fraction == 0) {
            return "0%";
        }
        // Three significant digits, never an exponent: 24.7%, 0.2%, 0.00123%.
        return new java.math.BigDecimal(100 * fraction).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A token as shown inside an example: spaces kept, a newline drawn as ↵ so the line does not break. */
    static String token(String text) {
        return esc(text.replace("\n", "\u21b5").replace("\r", "").replace("\t", "\u21e5"));
    }

    /** JSON string literal content (for data embedded in pages). */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c"); // never close a <script> from inside a string
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The page head: title, the shared stylesheet at {@code root}, and no external resource. */
    static void head(StringBuilder h, String title, String root) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<link rel=\"stylesheet\" href=\"").append(root)
                .append("style.css\">\n</head>\n<body>\n");
    }
}
