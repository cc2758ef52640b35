package org.sae4j.report.browse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.eval.latents.Example;
import org.sae4j.eval.latents.LatentProfiles;

/**
 * The site's front page: what was measured, a table of every alive latent (sortable by density, maximum, mean
 * when active; searchable by token: the latents with the largest activation on it anywhere in the data, from
 * {@link TokenSearch}'s shards) and the dead latents listed. The table's data is {@code data/index.js}, a script
 * rather than a JSON file because a page opened from file:// may load scripts but not fetch files.
 */
final class IndexPage {
    /** Distinct firing tokens of its top examples shown per latent in the table. */
    static final int TOKENS_PER_LATENT = 8;

    private IndexPage() {
    }

    static void write(SiteFolder site, BrowseData b) throws IOException {
        LatentProfiles p = b.profiles();
        StringBuilder h = new StringBuilder();
        Text.head(h, "sae4j browse: " + b.title(), "");
        int dead = p.dead().length;
        h.append("<h1>Latents of ").append(Text.esc(b.title())).append("</h1>\n<p class=\"stats\" id=\"summary\">A ")
                .append(Text.esc(b.model().describe())).append(" measured on <b>").append(Text.esc(b.dataName()))
                .append("</b>: <b id=\"rows\">").append(Text.count(p.rows())).append("</b> ").append(b.tokens() ? "tokens" : "inputs")
                .append(", <b id=\"alive\">").append(Text.count(p.width() - dead)).append("</b> latents fire, <b id=\"dead\">")
                .append(Text.count(dead)).append("</b> never do.");
        if (b.store() != null) {
            h.append(" Activations of ").append(Text.esc(b.store().model())).append(" at <code>")
                    .append(Text.esc(b.store().hook())).append("</code>.");
        }
        h.append("</p>\n");
        DocumentChoice docs = b.documentPages();
        if (b.tokens() && docs.referenced() > 0) {
            h.append("<p class=\"note\" id=\"docnote\">").append(docs.bites()
                    ? "Document pages: " + Text.count(docs.pages().size()) + " of the " + Text.count(docs.referenced())
                    + " documents the examples come from, those holding the most examples (the bound is <code>--documents "
                    + docs.limit() + "</code>; raise it for more). Examples from the others name their document without a link."
                    : "Every one of the " + Text.count(docs.referenced()) + " documents the examples come from has a "
                    + "page; an example's document link opens it at the example's token.").append("</p>\n");
        }
        h.append("<section id=\"try\" hidden><h2>Try your own text</h2>\n<form id=\"tryform\"><textarea id=\"trytext\" "
                + "rows=\"3\" cols=\"80\" placeholder=\"Type a sentence\"></textarea><br><button type=\"submit\">"
                + "Show its latents</button></form>\n<div id=\"tryout\"></div></section>\n");
        h.append("<div class=\"controls\"><label>Search ").append(b.tokens() ? "by token" : "by latent id")
                .append(" <input id=\"search\" type=\"search\" placeholder=\"").append(b.tokens() ? "e.g. Paris" : "e.g. 12")
                .append("\" autocomplete=\"off\"></label> <label>Sort by <select id=\"sort\"><option value=\"density\">"
                        + "density</option><option value=\"max\">largest activation</option><option value=\"mean\">mean when "
                        + "active</option><option value=\"id\">latent id</option></select></label> <span id=\"count\"></span>"
                        + "</div>\n<table id=\"latents\" class=\"latents\"><thead><tr><th>latent</th><th>density</th>"
                        + "<th>largest</th><th>mean when active</th><th id=\"matchcol\" hidden>on this token</th><th>")
                .append(b.tokens() ? "tokens of its top examples" : "its top rows").append("</th></tr></thead><tbody></tbody></table>\n")
                .append("<p><button id=\"more\" type=\"button\" hidden>show all</button></p>\n")
                .append("<noscript><p>The table needs JavaScript; every latent's page is latents/N.html.</p></noscript>\n");
        h.append("<details id=\"deadlist\"><summary>").append(Text.count(dead)).append(" dead latents (never fired on this "
                + "data, so they have no page)</summary><p>");
        int[] ids = p.dead();
        for (int i = 0; i < ids.length; i++) {
            h.append(i == 0 ? "" : ", ").append(ids[i]);
        }
        h.append("</p></details>\n<script src=\"data/index.js\"></script>\n")
                .append(b.tokens() ? "<script src=\"data/vocab.js\"></script>\n" : "")
                .append("<script src=\"browse.js\"></script>\n</body>\n</html>\n");
        site.write("index.html", h.toString());
        site.write("data/index.js", data(b));
        if (b.tokens()) {
            TokenSearch.write(site, b);
        }
    }

    /** {@code window.SAE4J_INDEX}: one array per alive latent: id, fires, density, max, mean, [[token, value]...]. */
    static String data(BrowseData b) {
        LatentProfiles p = b.profiles();
        StringBuilder sb = new StringBuilder("window.SAE4J_INDEX = {\"tokens\": ").append(b.tokens())
                .append(", \"latents\": [\n");
        boolean first = true;
        for (int l = 0; l < p.width(); l++) {
            if (p.isDead(l)) {
                continue;
            }
            sb.append(first ? "" : ",\n").append('[').append(l).append(',').append(p.fires(l)).append(',')
                    .append(p.density(l)).append(',').append(p.max(l)).append(',').append((float) p.meanWhenActive(l))
                    .append(",[");
            first = false;
            Map<String, Float> tokens = firingTokens(b, l);
            boolean firstTok = true;
            for (Map.Entry<String, Float> e : tokens.entrySet()) {
                sb.append(firstTok ? "" : ",").append('[').append(Text.json(e.getKey())).append(',').append(e.getValue())
                        .append(']');
                firstTok = false;
            }
            sb.append("]]");
        }
        return sb.append("\n]};\n").toString();
    }

    /**
     * The distinct tokens the latent fires on in its top examples with the largest activation on each, strongest
     * first (top examples are already sorted, so first seen is strongest); rows, for sources without tokens.
     */
    static Map<String, Float> firingTokens(BrowseData b, int latent) {
        Map<String, Float> out = new LinkedHashMap<>();
        for (Example e : b.profiles().top(latent)) {
            String key = b.tokens() ? b.tokenText(e.tokens()[e.firing()]) : "row " + e.row();
            out.putIfAbsent(key, e.value());
            if (out.size() == TOKENS_PER_LATENT) {
                break;
            }
        }
        return out;
    }
}
