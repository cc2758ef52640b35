package org.sae4j.report.browse;

import java.util.List;
import org.sae4j.eval.latents.Example;
import org.sae4j.eval.latents.LatentProfiles;

/**
 * An example as HTML: its token window with every token shaded by the latent's activation on it (relative to
 * the latent's maximum) and the firing token outlined, each token's value in its tooltip; for rows that are not
 * tokens, the row's index.
 */
final class Examples {
    private Examples() {
    }

    /**
     * Appends a list of examples of {@code latent}; {@code root} is the site's root relative to the page. A
     * document link names the latent ({@code ?latent=L}), so the document page opens with it shaded.
     */
    static void list(StringBuilder h, BrowseData b, int latent, List<Example> examples, String root, String cls) {
        float max = b.profiles().max(latent);
        h.append("<ol class=\"examples ").append(cls).append(b.tokens() ? "" : " inline").append("\">\n");
        for (Example e : examples) {
            h.append("<li class=\"example\" data-row=\"").append(e.row()).append("\" data-value=\"").append(e.value())
                    .append("\"><span class=\"act\" title=\"activation on the marked token\">").append(Text.num(e.value()))
                    .append("</span> ");
            if (b.tokens()) {
                window(h, b, e, max);
                String link = b.documentPages().link(b, e);
                if (link != null) {
                    h.append(" <a class=\"doc\" href=\"").append(root).append(link.replace(".html", ".html?latent=" + latent))
                            .append("\" title=\"the document, at this token\">doc ").append(e.doc()).append("</a>");
                } else {
                    h.append(" <span class=\"doc\" title=\"no page: --documents ").append(b.documentPages().limit())
                            .append(" gave pages to ").append(Text.count(b.documentPages().pages().size())).append(" of the ")
                            .append(Text.count(b.documentPages().referenced())).append(" documents examples come from\">doc ")
                            .append(e.doc()).append("</span>");
                }
            } else {
                h.append("<span class=\"rowid\">row ").append(e.row()).append("</span>");
            }
            h.append("</li>\n");
        }
        h.append("</ol>\n");
    }

    /** Every example a latent's page shows: its top examples, then its interval and quantile groups'. */
    static List<Example> shown(LatentProfiles p, int latent) {
        List<Example> out = new java.util.ArrayList<>(p.top(latent));
        for (LatentProfiles.Group g : p.intervals(latent)) {
            out.addAll(g.examples());
        }
        for (LatentProfiles.Group g : p.quantiles(latent)) {
            out.addAll(g.examples());
        }
        return out;
    }

    /** True when some example of the latent's page names a document without a page. */
    static boolean unlinked(BrowseData b, int latent) {
        return b.tokens() && shown(b.profiles(), latent).stream().anyMatch(e -> b.documentPages().link(b, e) == null);
    }

    /** The tokens of an example, shaded; the firing one carries class "fire". */
    static void window(StringBuilder h, BrowseData b, Example e, float max) {
        h.append("<span class=\"text\">");
        for (int i = 0; i < e.tokens().length; i++) {
            tokenSpan(h, b.tokenText(e.tokens()[i]), e.values()[i], max, i == e.firing());
        }
        h.append("</span>");
    }

    static void tokenSpan(StringBuilder h, String text, float value, float max, boolean fire) {
        double alpha = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
        h.append("<span class=\"tok").append(fire ? " fire" : "").append("\"");
        if (alpha > 0) {
            h.append(" style=\"background:rgba(255,118,0,").append(String.format(java.util.Locale.ROOT, "%.3f", alpha))
                    .append(")\"");
        }
        h.append(" title=\"").append(Text.esc(text.strip().isEmpty() ? "\u2423" : text.strip())).append(": ")
                .append(Text.num(value)).append("\">").append(Text.token(text)).append("</span>");
    }
}
