package org.sae4j.report.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * The browser in a real browser (Debian's headless Chromium, driven over the DevTools protocol): the index loads
 * from file:// and lists every latent, search by token finds the latent that fires on it, a latent page shows its
 * top example with the firing token outlined and its histogram drawn, a document page shades a chosen latent,
 * and served by {@link BrowseServer} the "try your own text" box runs the (fake) language model. Screenshots go to
 * target/ for a person to look at. Skipped when no Chromium is installed.
 */
class BrowseChromiumTest {

    @Test
    void readsLikeABrowserShowsIt(@TempDir Path tmp) throws Exception {
        Optional<Path> chromium = Chromium.binary();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium)");
        ActivationStore store = BrowseFixtures.store(tmp, 3000);
        SparseAutoencoder sae = BrowseFixtures.sae();
        Path site;
        float[] dense = new float[3000 * BrowseFixtures.D];
        try (Shards s = Shards.open(store.dir().toString())) {
            s.read(0, 3000, dense, 0);
            BrowseData b = Browser.measure(sae, s, store, null, BrowseFixtures.options(), "fixture.safetensors", "store");
            site = BrowseSite.write(b, tmp.resolve("site"), 5).getParent();
        }
        float[] codes = sae.encode(dense, 3000);
        int[] tokens = store.provenance(0, 3000).tokens();
        float parisMax = 0;
        for (int r = 0; r < 3000; r++) {
            if (tokens[r] == BrowseFixtures.PARIS) {
                parisMax = Math.max(parisMax, codes[r * BrowseFixtures.WIDTH + BrowseFixtures.PARIS_LATENT]);
            }
        }

        try (Chromium c = Chromium.start(chromium.get(), tmp.resolve("profile"))) {
            c.open(site.resolve("index.html").toUri().toString());
            c.waitFor("document.querySelectorAll('#latents tbody tr').length > 0");
            assertEquals(BrowseFixtures.WIDTH - BrowseFixtures.DEAD, c.eval("document.querySelectorAll('#latents tbody tr').length").asInt());
            assertTrue(c.eval("document.getElementById('try').hidden").asBoolean(), "no try box from file://");
            save(c, "browse-index.png");

            JsonNode found = search(c, "Paris");
            assertEquals(String.valueOf(BrowseFixtures.PARIS_LATENT), found.get(0).get(0).asText(), "search by token: " + found);
            assertEquals(Text.num(parisMax), found.get(0).get(1).asText(), "its activation on Paris");
            save(c, "browse-search.png");

            // A latent that fires on a token in none of its top examples is still found: the search reads every row.
            float[] max = new float[BrowseFixtures.WIDTH];
            int[] pair = null;
            for (int t = 3; t < BrowseFixtures.WORDS.length && pair == null; t++) {
                int token = t;
                if (BrowseFixtures.WORDS[t].startsWith("#") || BrowseFixtures.WORDS[t].length() < 2) {
                    continue;
                }
                for (int l : BrowseFixtures.strongestOn(codes, tokens, t, 20, max)) {
                    if (Arrays.stream(BrowseFixtures.topRows(codes, 3000, l, 20)).noneMatch(r -> tokens[r] == token)) {
                        pair = new int[] {t, l};
                        break;
                    }
                }
            }
            assertTrue(pair != null, "the fixture has a latent firing on a token beyond its top examples");
            JsonNode rows = search(c, BrowseFixtures.WORDS[pair[0]]);
            boolean listed = false;
            for (JsonNode r : rows) {
                listed |= r.get(0).asText().equals(String.valueOf(pair[1]));
            }
            assertTrue(listed, "latent " + pair[1] + " found on '" + BrowseFixtures.WORDS[pair[0]] + "': " + rows);

            c.open(site.resolve("latents/" + BrowseFixtures.PARIS_LATENT + ".html").toUri().toString());
            JsonNode fire = c.eval("(function () { var f = document.querySelector('#top li.example .tok.fire');"
                    + " var s = getComputedStyle(f); return [f.textContent, s.outlineStyle, s.backgroundColor,"
                    + " f.getBoundingClientRect().width]; })()");
            assertEquals(" Paris", fire.get(0).asText(), "the top example's firing token");
            assertEquals("solid", fire.get(1).asText(), "the firing token is outlined");
            assertEquals("rgb(255, 118, 0)", fire.get(2).asText(), "and shaded at full strength (it is the maximum)");
            assertTrue(fire.get(3).asDouble() > 0);
            JsonNode bars = c.eval("(function () { var n = 0, h = 0; document.querySelectorAll('svg.hist rect.bin')"
                    + ".forEach(function (r) { var b = r.getBoundingClientRect(); if (b.height > 0) { n++; h += b.height; } });"
                    + " return [n, h, document.querySelector('svg.hist').getBoundingClientRect().width]; })()");
            assertTrue(bars.get(0).asInt() > 0 && bars.get(1).asDouble() > 20, "the histogram is drawn: " + bars);
            assertEquals(HistogramSvg.WIDTH, bars.get(2).asInt());
            save(c, "browse-latent.png");

            String doc = c.eval("document.querySelector('#top a.doc').getAttribute('href')").asText();
            String path = doc.substring(0, doc.indexOf('?'));
            c.open(site.resolve("latents").resolve(path).normalize().toUri() + doc.substring(doc.indexOf('?')));
            assertEquals(" Paris", c.eval("document.querySelector('#doctext .tok:target').textContent").asText(),
                    "the document opens at the example's token");
            save(c, "browse-document.png");
            JsonNode shaded = c.eval("(function () { return [document.querySelectorAll('#doctext .tok.fire').length,"
                    + " document.querySelector('#doctext .tok.fire').textContent, document.querySelector("
                    + "'#doclatents tr.chosen').getAttribute('data-latent')]; })()");
            assertEquals(String.valueOf(BrowseFixtures.PARIS_LATENT), shaded.get(2).asText(), "opened with the latent chosen");
            assertTrue(shaded.get(0).asInt() >= 1, "the latent's strongest token is marked in its document");
            assertEquals(" Paris", shaded.get(1).asText());

            // --serve: the same site over HTTP from 127.0.0.1, with the language model: the try box appears and works.
            try (BrowseServer server = BrowseServer.start(site, 0, sae, new FakeLanguageModel())) {
                c.open(server.url() + "index.html");
                c.waitFor("!document.getElementById('try').hidden");
                c.eval("(function () { document.getElementById('trytext').value = 'the city of Paris is big';"
                        + " document.querySelector('#tryform button').click(); return true; })()");
                c.waitFor("document.querySelectorAll('#tryout .trytok').length === 6");
                JsonNode paris = c.eval("(function () { var t = document.querySelectorAll('#tryout .trytok')[3];"
                        + " return [t.querySelector('b').textContent, t.querySelector('a.trylatent').textContent]; })()");
                assertEquals("Paris", paris.get(0).asText());
                float[] x = BrowseFixtures.tokenVector(BrowseFixtures.PARIS);
                float[] z = sae.encode(x, 1);
                int best = 0;
                for (int l = 1; l < z.length; l++) {
                    best = z[l] > z[best] ? l : best;
                }
                assertEquals(String.valueOf(best), paris.get(1).asText(), "the strongest latent on Paris");
                save(c, "browse-serve.png");
                assertFalse(c.eval("fetch('/../../etc/passwd').then(function (r) { return r.ok; })").asBoolean(),
                        "the server serves only the site");
            }
        }
    }

    /** Types {@code q} into the search and returns the table's rows once the shards have loaded: [latent, match]. */
    private static JsonNode search(Chromium c, String q) throws Exception {
        c.eval("(function () { var s = document.getElementById('search'); s.value = " + Text.json(q) + ";"
                + " document.querySelector('#latents tbody').textContent = ''; s.dispatchEvent(new Event('input'));"
                + " return true; })()");
        c.waitFor("document.querySelectorAll('#latents tbody tr td.match').length > 0");
        return c.eval("Array.prototype.map.call(document.querySelectorAll('#latents tbody tr'), function (tr) {"
                + " return [tr.getAttribute('data-latent'), tr.querySelector('td.match').textContent]; })");
    }

    private static void save(Chromium c, String name) throws Exception {
        byte[] png = c.screenshot();
        assertTrue(png.length > 10_000, name + " is not blank");
        Path target = Path.of("target");
        if (Files.isDirectory(target)) { // kept for a person (or CI artifact) to look at
            Files.write(target.resolve(name), png);
        }
    }
}
