package org.sae4j.report.browse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.eval.latents.Documents;
import org.sae4j.model.Model;
import org.sae4j.tensor.SparseCode;

/**
 * A page per document ({@code docs/D.html}) showing which latents fire where: the document's tokens, each with
 * its strongest latents in its tooltip, and a table of the latents that fire in it; choosing a latent shades every
 * token by that latent's activation; each token has an anchor ({@code #tN}) that examples link to. Which
 * documents get one is {@link DocumentChoice}'s; the document is encoded again, a chunk at a time.
 */
final class DocumentPages {
    /** Tokens of a document shown at most: a page stays readable and small. */
    static final int MAX_TOKENS = 2048;
    /** Latents kept per token in the page's data. */
    static final int PER_TOKEN = 10;

    private DocumentPages() {
    }

    static void writeAll(SiteFolder site, BrowseData b) throws IOException {
        Documents docs = b.profiles().documents();
        if (docs == null) {
            return;
        }
        for (var page : new java.util.TreeMap<>(b.documentPages().pages()).entrySet()) {
            int run = page.getValue();
            write(site, b, page.getKey(), docs.firstRow(run), (int) Math.min(MAX_TOKENS, docs.rows(run)), docs.rows(run));
        }
    }

    private static void write(SiteFolder site, BrowseData b, long doc, long first, int n, long total) throws IOException {
        long[] docIds = new long[n];
        int[] tokens = new int[n];
        b.origins().read(first, n, docIds, tokens);
        List<int[]> latents = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        Map<Integer, float[]> perLatent = new HashMap<>(); // latent -> {max, count}
        for (int from = 0; from < n; from += Model.INFERENCE_BATCH) {
            int m = Math.min(Model.INFERENCE_BATCH, n - from);
            float[] x = b.rows().read(first + from, m);
            b.model().normalizer().applyInPlace(x, x.length);
            SparseCode code = b.model().encodeSparse(x, m);
            for (int r = 0; r < m; r++) {
                int s = code.rowStart()[r];
                int e = code.rowStart()[r + 1];
                Integer[] order = new Integer[e - s];
                for (int i = 0; i < order.length; i++) {
                    order[i] = s + i;
                    int l = code.index()[s + i];
                    float v = code.value()[s + i];
                    if (v > 0) {
                        float[] st = perLatent.computeIfAbsent(l, k -> new float[2]);
                        st[0] = Math.max(st[0], v);
                        st[1]++;
                    }
                }
                Arrays.sort(order, (p, q) -> Float.compare(code.value()[q], code.value()[p]));
                int k = (int) Math.min(PER_TOKEN, Arrays.stream(order).filter(i -> code.value()[i] > 0).count());
                int[] ls = new int[k];
                float[] vs = new float[k];
                for (int i = 0; i < k; i++) {
                    ls[i] = code.index()[order[i]];
                    vs[i] = code.value()[order[i]];
                }
                latents.add(ls);
                values.add(vs);
            }
        }
        StringBuilder h = new StringBuilder(64 * 1024);
        Text.head(h, "Document " + doc + " · " + b.title(), "../");
        h.append("<nav><a href=\"../index.html\">&larr; all latents</a></nav>\n<h1>Document ").append(doc).append("</h1>\n")
                .append("<p class=\"note\">").append(Text.count(total)).append(" tokens").append(total > n ? ", the first "
                        + Text.count(n) + " shown" : "").append(". Hover a token for its strongest latents; choose a latent "
                        + "in the table to shade every token by its activation.</p>\n<p class=\"doctext\" id=\"doctext\">");
        for (int i = 0; i < n; i++) {
            StringBuilder tip = new StringBuilder();
            for (int j = 0; j < latents.get(i).length; j++) {
                tip.append(j == 0 ? "" : ", ").append(latents.get(i)[j]).append(": ").append(Text.num(values.get(i)[j]));
            }
            String text = b.tokenText(tokens[i]);
            h.append("<span class=\"tok\" id=\"t").append(i).append("\" data-i=\"").append(i).append("\" title=\"").append(Text.esc(text.strip()))
                    .append(tip.length() > 0 ? " | latents " + tip : " | no latent fires").append("\">")
                    .append(Text.token(text)).append("</span>");
        }
        h.append("</p>\n<table class=\"doclatents\" id=\"doclatents\"><tr><th>latent</th><th>largest here</th><th>tokens "
                + "it fires on here</th><th></th></tr>\n");
        perLatent.entrySet().stream()
                .sorted((x, y) -> x.getValue()[0] == y.getValue()[0] ? Integer.compare(x.getKey(), y.getKey())
                        : Float.compare(y.getValue()[0], x.getValue()[0]))
                .limit(200).forEach(e -> h.append("<tr data-latent=\"").append(e.getKey()).append("\"><td><a href=\"../")
                        .append(LatentPage.file(e.getKey())).append("\">").append(e.getKey()).append("</a></td><td class=\"n\">")
                        .append(Text.num(e.getValue()[0])).append("</td><td class=\"n\">").append((int) e.getValue()[1])
                        .append("</td><td><button type=\"button\" class=\"shade\">shade</button></td></tr>\n"));
        h.append("</table>\n<script>window.SAE4J_DOC = {\"latents\": ").append(json(latents)).append(", \"values\": ")
                .append(jsonValues(values)).append("};</script>\n<script src=\"../browse.js\"></script>\n</body>\n</html>\n");
        site.write("docs/" + doc + ".html", h.toString());
    }

    private static String json(List<int[]> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(Arrays.toString(rows.get(i)).replace(" ", ""));
        }
        return sb.append(']').toString();
    }

    private static String jsonValues(List<float[]> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "[" : ",[");
            float[] r = rows.get(i);
            for (int j = 0; j < r.length; j++) {
                sb.append(j == 0 ? "" : ",").append(Text.num(r[j]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
