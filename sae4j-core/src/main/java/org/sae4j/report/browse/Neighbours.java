package org.sae4j.report.browse;

/** A latent page's decoder neighbours and token lens tables. */
final class Neighbours {
    private Neighbours() {
    }

    static void append(StringBuilder h, BrowseData b, int latent) {
        if (b.neighbours() == null) {
            return;
        }
        int[] ids = b.neighbours().ids(latent);
        float[] cos = b.neighbours().cosines(latent);
        h.append("<section id=\"neighbours\"><h2>Nearest decoder directions</h2>\n<table class=\"neighbours\">"
                + "<tr><th>latent</th><th>cosine</th><th>density</th></tr>\n");
        for (int i = 0; i < ids.length; i++) {
            int n = ids[i];
            h.append("<tr><td>");
            if (b.profiles().isDead(n)) {
                h.append(n).append(" (dead)");
            } else {
                h.append("<a href=\"").append(n).append(".html\">").append(n).append("</a>");
            }
            h.append("</td><td class=\"n\" data-value=\"").append(cos[i]).append("\">").append(Text.num(cos[i]))
                    .append("</td><td class=\"n\">").append(Text.percent(b.profiles().density(n))).append("</td></tr>\n");
        }
        h.append("</table></section>\n");
    }

    static void lens(StringBuilder h, BrowseData b, int latent) {
        if (b.lens() == null) {
            return;
        }
        h.append("<section id=\"lens\"><h2>Token lens</h2>\n<p class=\"note\">Tokens whose row of ")
                .append(Text.esc(b.lensSource())).append(" has the largest and the smallest dot product with this "
                        + "latent's decoder direction.</p>\n<div class=\"cols\">");
        column(h, b, "largest", b.lens().positiveIds(latent), b.lens().positiveValues(latent));
        column(h, b, "smallest", b.lens().negativeIds(latent), b.lens().negativeValues(latent));
        h.append("</div></section>\n");
    }

    private static void column(StringBuilder h, BrowseData b, String which, int[] ids, float[] values) {
        h.append("<table class=\"lens ").append(which).append("\"><tr><th>").append(which).append("</th><th>dot</th></tr>\n");
        for (int i = 0; i < ids.length; i++) {
            h.append("<tr><td><code>").append(Text.token(b.tokenText(ids[i]))).append("</code></td><td class=\"n\">").append(Text.num(values[i])).append("</td></tr>\n");
        }
        h.append("</table>");
    }
}
