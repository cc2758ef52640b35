package org.sae4j.report.browse;

import java.util.HashMap;
import java.util.Map;
import org.sae4j.eval.latents.Documents;
import org.sae4j.eval.latents.Example;

/**
 * Which documents get a page ({@code docs/D.html}): those any shown example (top, interval or quantile, of any
 * latent) comes from, up to a bound (each page encodes its document again, so a page for every document would be a
 * second pass over the store); past the bound, those holding the most shown examples (ties: the lower id). An
 * example links to its document only when the document has a page, and to the firing token's anchor
 * ({@code #tN}) when the page shows it, so no link dangles. Filled once, before any page is written.
 */
final class DocumentChoice {
    /** Document id to the run of rows its page shows (a store keeps a document's rows together: its first run). */
    private final Map<Long, Integer> pages = new HashMap<>();
    private int referenced;
    private int limit;

    /** Picks up to {@code limit} pages among the documents the shown examples of {@code b} come from. */
    void choose(BrowseData b, int limit) {
        this.limit = limit;
        Documents docs = b.profiles().documents();
        if (!b.tokens() || docs == null) {
            return;
        }
        Map<Long, Integer> hits = new HashMap<>();
        for (int l = 0; l < b.profiles().width(); l++) {
            if (b.profiles().isDead(l)) {
                continue;
            }
            for (Example e : Examples.shown(b.profiles(), l)) {
                hits.merge(e.doc(), 1, Integer::sum);
            }
        }
        referenced = hits.size();
        if (b.rows() == null || limit <= 0) {
            return;
        }
        Map<Long, Integer> firstRun = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            firstRun.putIfAbsent(docs.id(i), i);
        }
        hits.entrySet().stream()
                .sorted((x, y) -> x.getValue().equals(y.getValue()) ? Long.compare(x.getKey(), y.getKey())
                        : Integer.compare(y.getValue(), x.getValue()))
                .limit(limit).forEach(e -> pages.put(e.getKey(), firstRun.get(e.getKey())));
    }

    /** The documents with a page and the run each shows. */
    Map<Long, Integer> pages() {
        return pages;
    }

    /** Distinct documents the shown examples come from. */
    int referenced() {
        return referenced;
    }

    /** True when the bound left some of them without a page. */
    boolean bites() {
        return pages.size() < referenced;
    }

    int limit() {
        return limit;
    }

    /**
     * The link of example {@code e} relative to the site's root ({@code docs/D.html#tN}), or null when its
     * document has no page.
     */
    String link(BrowseData b, Example e) {
        Integer run = pages.get(e.doc());
        if (run == null) {
            return null;
        }
        Documents docs = b.profiles().documents();
        long pos = e.row() - docs.firstRow(run);
        boolean onPage = e.row() >= docs.firstRow(run) && pos < Math.min(DocumentPages.MAX_TOKENS, docs.rows(run));
        return "docs/" + e.doc() + ".html" + (onPage ? "#t" + pos : "");
    }
}
