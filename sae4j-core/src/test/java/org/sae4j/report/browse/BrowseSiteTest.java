package org.sae4j.report.browse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.Vocabulary;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * Every number the site shows, against an independent computation: the dense encode of every row of the store
 * (not the sparse path the browser uses), counted, sorted and binned here.
 */
class BrowseSiteTest {
    static final int ROWS = 3000;
    @TempDir
    static Path tmp;
    static SparseAutoencoder sae;
    static ActivationStore store;
    static float[] dense;
    static int[] tokens;
    static Path site;
    static Vocabulary vocab;

    @BeforeAll
    static void build() throws Exception {
        store = BrowseFixtures.store(tmp, ROWS);
        sae = BrowseFixtures.sae();
        float[] x = new float[ROWS * BrowseFixtures.D];
        try (Shards s = Shards.open(store.dir().toString())) {
            s.read(0, ROWS, x, 0);
            BrowseData b = Browser.measure(sae, s, store, null, BrowseFixtures.options(), "fixture.safetensors", "store");
            site = BrowseSite.write(b, tmp.resolve("site"), 5).getParent();
        }
        dense = sae.encode(x, ROWS);
        tokens = store.provenance(0, ROWS).tokens();
        vocab = Vocabulary.read(store.tokenizer());
    }

    static float value(int row, int latent) {
        return dense[row * BrowseFixtures.WIDTH + latent];
    }

    static String page(String rel) throws Exception {
        return Files.readString(site.resolve(rel));
    }

    static String attr(String html, String id, String attr) {
        Matcher m = Pattern.compile("id=\"" + id + "\" " + attr + "=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), id + " on the page");
        return m.group(1);
    }

    @Test
    void theIndexListsEveryLatentWithItsNumbersAndTheDeadApart() throws Exception {
        String js = page("data/index.js");
        JsonNode index = new ObjectMapper().readTree(js.substring(js.indexOf('{'), js.lastIndexOf('}') + 1));
        List<Integer> listed = new ArrayList<>();
        for (JsonNode l : index.get("latents")) {
            int id = l.get(0).asInt();
            listed.add(id);
            long fires = 0;
            float max = 0;
            for (int r = 0; r < ROWS; r++) {
                fires += value(r, id) > 0 ? 1 : 0;
                max = Math.max(max, value(r, id));
            }
            assertEquals(fires, l.get(1).asLong(), "fires of " + id);
            assertEquals((double) fires / ROWS, l.get(2).asDouble(), 1e-15);
            assertEquals(max, (float) l.get(3).asDouble(), "max of " + id);
        }
        for (int l = 0; l < BrowseFixtures.WIDTH; l++) {
            boolean fires = false;
            for (int r = 0; r < ROWS && !fires; r++) {
                fires = value(r, l) > 0;
            }
            assertEquals(fires, listed.contains(l), "latent " + l + " is listed iff it fires");
            assertEquals(fires, Files.exists(site.resolve("latents/" + l + ".html")), "a page iff it fires");
        }
        String html = page("index.html");
        assertTrue(html.contains("<b id=\"dead\">" + BrowseFixtures.DEAD + "</b>"), "dead count");
        assertTrue(html.contains("21, 22, 23</p></details>"), "dead latents listed");
        // The search's data: Paris is among the Paris latent's firing tokens, strongest first.
        JsonNode paris = null;
        for (JsonNode l : index.get("latents")) {
            if (l.get(0).asInt() == BrowseFixtures.PARIS_LATENT) {
                paris = l.get(5).get(0);
            }
        }
        assertEquals(" Paris", paris.get(0).asText());
    }

    @Test
    void tokenSearchReadsEveryActivationNotOnlyTheTopExamples() throws Exception {
        String v = page("data/vocab.js");
        JsonNode vocabJs = new ObjectMapper().readTree(v.substring(v.indexOf('{'), v.lastIndexOf('}') + 1));
        int shard = vocabJs.get("shard").asInt();
        int m = vocabJs.get("perToken").asInt();
        assertEquals(org.sae4j.eval.latents.TokenLatents.PER_TOKEN, m);
        java.util.Set<Integer> listed = new java.util.HashSet<>();
        float[] max = new float[BrowseFixtures.WIDTH];
        boolean beyondTop = false;
        for (JsonNode t : vocabJs.get("tokens")) {
            int id = t.get(0).asInt();
            listed.add(id);
            assertEquals(vocab.text(id), t.get(1).asText());
            String sh = page("data/tokens/" + id / shard + ".js");
            JsonNode entries = new ObjectMapper().readTree(sh.substring(sh.indexOf('{'), sh.lastIndexOf('}') + 1))
                    .get(String.valueOf(id));
            int[] expected = BrowseFixtures.strongestOn(dense, tokens, id, m, max);
            assertEquals(expected.length, entries.size(), "latents of token " + id);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], entries.get(i).get(0).asInt(), "rank " + i + " on token " + id);
                assertEquals(max[expected[i]], (float) entries.get(i).get(1).asDouble());
                // Found by the search though the token is in none of the latent's top examples?
                int l = expected[i];
                beyondTop |= java.util.Arrays.stream(BrowseFixtures.topRows(dense, ROWS, l, 20)).noneMatch(r -> tokens[r] == id);
            }
        }
        for (int id = 0; id < BrowseFixtures.WORDS.length; id++) {
            assertEquals(BrowseFixtures.strongestOn(dense, tokens, id, m, max).length > 0, listed.contains(id),
                    "token " + id + " is searchable iff some latent fires on it");
        }
        assertTrue(beyondTop, "the search finds latents beyond their top examples");
    }

    @Test
    void aLatentPageShowsExactlyWhatTheDataSays() throws Exception {
        for (int l : new int[] {BrowseFixtures.PARIS_LATENT, 0, 11}) {
            String html = page("latents/" + l + ".html");
            List<float[]> events = new ArrayList<>(); // value, row
            double sum = 0;
            for (int r = 0; r < ROWS; r++) {
                if (value(r, l) > 0) {
                    events.add(new float[] {value(r, l), r});
                    sum += value(r, l);
                }
            }
            assertFalse(events.isEmpty(), "latent " + l + " fires in the fixture");
            float max = (float) events.stream().mapToDouble(e -> e[0]).max().orElseThrow();
            assertTrue(html.contains("<b id=\"fires\">" + String.format("%,d", events.size()) + "</b>"));
            assertTrue(html.contains("<b id=\"rows\">" + String.format("%,d", ROWS) + "</b>"));
            assertEquals(max, Float.parseFloat(attr(html, "max", "data-value")));
            assertEquals((double) events.size() / ROWS, Double.parseDouble(attr(html, "density", "data-value")), 1e-15);
            assertEquals(sum / events.size(), Double.parseDouble(attr(html, "mean", "data-value")), 1e-9);

            // The histogram's bars: each count recomputed from the raw values and the page's own bin edges; 50
            // equal bins from 0 to just above the maximum.
            Matcher bar = Pattern.compile("<rect class=\"bin\" data-count=\"(\\d+)\" data-low=\"([^\"]+)\" "
                    + "data-high=\"([^\"]+)\"").matcher(html);
            int b = 0;
            long drawn = 0;
            double edge = 0;
            while (bar.find()) {
                double low = Double.parseDouble(bar.group(2));
                double high = Double.parseDouble(bar.group(3));
                assertEquals(edge, low, 0.0, "bins are adjacent, the first from 0");
                edge = high;
                long c = events.stream().filter(e -> e[0] >= low && e[0] < high).count();
                assertEquals(c, Long.parseLong(bar.group(1)), "bin " + b + " of latent " + l);
                drawn += c;
                b++;
            }
            assertEquals(50, b, "every bin is drawn");
            assertTrue(edge > max && edge <= 1.1 * max, "the bins end just above the maximum: " + edge + " for " + max);
            assertEquals(events.size(), drawn, "the drawn bins hold every activation");

            // Top examples: the 20 largest (earlier row first on ties), the firing token marked and spelled right.
            events.sort(Comparator.<float[]>comparingDouble(e -> -e[0]).thenComparingDouble(e -> e[1]));
            String top = html.substring(html.indexOf("<section id=\"top\">"), html.indexOf("<section id=\"intervals\">"));
            Matcher ex = Pattern.compile("<li class=\"example\" data-row=\"(\\d+)\" data-value=\"([^\"]+)\">(.*?)</li>")
                    .matcher(top);
            int i = 0;
            while (ex.find()) {
                int row = Integer.parseInt(ex.group(1));
                assertEquals((int) events.get(i)[1], row, "top " + i + " of latent " + l);
                assertEquals(events.get(i)[0], Float.parseFloat(ex.group(2)));
                Matcher fire = Pattern.compile("<span class=\"tok fire\"[^>]*>([^<]*)</span>").matcher(ex.group(3));
                assertTrue(fire.find(), "the firing token is marked");
                assertEquals(Text.token(vocab.text(tokens[row])), fire.group(1));
                assertFalse(fire.find(), "one firing token per example");
                i++;
            }
            assertEquals(Math.min(20, events.size()), i);

            // Interval groups: counts recomputed, every example inside its interval and a real activation.
            String intervals = html.substring(html.indexOf("<section id=\"intervals\">"), html.indexOf("<section id=\"quantiles\">"));
            Matcher g = Pattern.compile("data-low=\"([^\"]+)\" data-high=\"([^\"]+)\" data-contains=\"(\\d+)\"><h3>"
                    + "interval (\\d+) of (\\d+)(.*?)</div>", Pattern.DOTALL).matcher(intervals);
            long covered = 0;
            while (g.find()) {
                double low = Double.parseDouble(g.group(1));
                double high = Double.parseDouble(g.group(2));
                long c = events.stream().filter(e -> e[0] >= low && e[0] < high).count();
                assertEquals(c, Long.parseLong(g.group(3)), "interval " + g.group(4) + " of latent " + l);
                covered += c;
                Matcher ge = Pattern.compile("data-row=\"(\\d+)\" data-value=\"([^\"]+)\"").matcher(g.group(6));
                int n = 0;
                while (ge.find()) {
                    float v = Float.parseFloat(ge.group(2));
                    assertEquals(value(Integer.parseInt(ge.group(1)), l), v);
                    assertTrue(v >= low && v < high, v + " in [" + low + ", " + high + ")");
                    n++;
                }
                assertEquals(Math.min(5, c), n);
            }
            assertEquals(events.size(), covered);
        }
    }

    @Test
    void neighboursAndDocumentPages() throws Exception {
        int l = BrowseFixtures.PARIS_LATENT;
        float[] w = sae.decoderWeight().value();
        int d = BrowseFixtures.D;
        Integer[] order = new Integer[BrowseFixtures.WIDTH - 1];
        double[] cos = new double[BrowseFixtures.WIDTH];
        for (int o = 0, k = 0; o < BrowseFixtures.WIDTH; o++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < d; j++) {
                dot += w[l * d + j] * w[o * d + j];
                na += w[l * d + j] * w[l * d + j];
                nb += w[o * d + j] * w[o * d + j];
            }
            cos[o] = dot / Math.sqrt(na * nb);
            if (o != l) {
                order[k++] = o;
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(cos[b], cos[a]));
        String html = page("latents/" + l + ".html");
        String table = html.substring(html.indexOf("<table class=\"neighbours\">"));
        Matcher m = Pattern.compile("<tr><td>(?:<a href=\"\\d+\\.html\">)?(\\d+)").matcher(table);
        int[] shown = new int[10];
        for (int i = 0; i < 10; i++) {
            assertTrue(m.find());
            shown[i] = Integer.parseInt(m.group(1));
        }
        assertArrayEquals(java.util.Arrays.stream(order).limit(10).mapToInt(Integer::intValue).toArray(), shown);

        Matcher link = Pattern.compile("href=\"../docs/(\\d+)\\.html\\?latent=" + l + "#t\\d+\"").matcher(html);
        assertTrue(link.find(), "an example links to its document");
        String doc = page("docs/" + link.group(1) + ".html");
        assertTrue(doc.contains("<tr data-latent=\"" + l + "\">"), "the document lists the latent that fired in it");
    }

    /**
     * Every example's document link leads to a page that shows the example's token at the anchor; with the bound
     * at 5 the index says how many of the documents have pages, the rest are named without a link; with a bound
     * above the documents' count every example links.
     */
    @Test
    void documentLinksNeverDangle() throws Exception {
        long[] docOf = store.provenance(0, ROWS).docs();
        java.util.Set<Long> referenced = new java.util.TreeSet<>();
        int linked = checkLinks(site, docOf, referenced);
        try (var docs = Files.list(site.resolve("docs"))) {
            assertEquals(5, docs.count());
        }
        assertTrue(linked > 0);
        assertTrue(referenced.size() > 5, "the fixture's examples come from more documents than the bound");
        assertTrue(page("index.html").contains("Document pages: 5 of the " + referenced.size() + " documents"),
                "the index says the bound bites");

        Path all;
        try (Shards s = Shards.open(store.dir().toString())) {
            BrowseData b = Browser.measure(sae, s, store, null, BrowseFixtures.options(), "fixture.safetensors", "store");
            all = BrowseSite.write(b, tmp.resolve("all"), 1000).getParent();
        }
        java.util.Set<Long> again = new java.util.TreeSet<>();
        int examples = checkLinks(all, docOf, again);
        assertEquals(referenced, again);
        try (var docs = Files.list(all.resolve("docs"))) {
            assertEquals(referenced.size(), docs.count(), "a page for every document an example comes from");
        }
        assertTrue(Files.readString(all.resolve("index.html")).contains("Every one of the " + referenced.size()));
        assertTrue(examples > 0);
    }

    /** Checks every example of every latent page; returns how many link to their document. */
    private static int checkLinks(Path root, long[] docOf, java.util.Set<Long> referenced) throws Exception {
        Pattern li = Pattern.compile("<li class=\"example\" data-row=\"(\\d+)\"(.*?)</li>");
        Pattern a = Pattern.compile("<a class=\"doc\" href=\"../docs/(\\d+)\\.html\\?latent=(\\d+)#t(\\d+)\"");
        int linked = 0;
        for (int l = 0; l < BrowseFixtures.WIDTH - BrowseFixtures.DEAD; l++) {
            String html = Files.readString(root.resolve("latents/" + l + ".html"));
            Matcher m = li.matcher(html);
            int unlinked = 0;
            while (m.find()) {
                int row = Integer.parseInt(m.group(1));
                referenced.add(docOf[row]);
                Matcher link = a.matcher(m.group(2));
                if (!link.find()) {
                    assertTrue(m.group(2).contains("<span class=\"doc\" title=\"no page"), "named without a link");
                    unlinked++;
                    continue;
                }
                linked++;
                assertEquals(docOf[row], Long.parseLong(link.group(1)), "the example's own document");
                int first = row;
                while (first > 0 && docOf[first - 1] == docOf[row]) {
                    first--;
                }
                assertEquals(l, Integer.parseInt(link.group(2)), "the link names the latent to shade");
                assertEquals(row - first, Integer.parseInt(link.group(3)), "the anchor is the example's token");
                String doc = Files.readString(root.resolve("docs/" + link.group(1) + ".html"));
                Matcher tok = Pattern.compile("<span class=\"tok\" id=\"t" + link.group(3) + "\"[^>]*>([^<]*)</span>")
                        .matcher(doc);
                assertTrue(tok.find(), "the anchor exists");
                assertEquals(Text.token(vocab.text(tokens[row])), tok.group(1), "and shows the example's token");
            }
            assertEquals(unlinked > 0, html.contains("id=\"docbound\""), "latent " + l + " says when links are missing");
        }
        return linked;
    }
}
