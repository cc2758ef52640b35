package org.sae4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.io.ModelFile;
import org.sae4j.report.browse.BrowseFixtures;

/**
 * {@code sae4j-spark browse} on 1 and 3 partitions writes the site {@code sae4j browse} writes on the same store:
 * the same files, and every one of them byte for byte (the index's data, the token-search shards, every latent's
 * page with its numbers, histogram and examples, every document page), except the mean when active, a sum's
 * ratio that may differ in its last bits when the sum is added up per partition: compared to 1e-12.
 */
class SparkBrowseCommandTest {
    @Test
    void theSparkSiteIsSae4jBrowses(@TempDir Path dir) throws Exception {
        ActivationStore store = BrowseFixtures.store(dir.resolve("store"), 3000);
        Path model = dir.resolve("sae.safetensors");
        ModelFile.save(BrowseFixtures.sae(), model);
        Path local = dir.resolve("local");
        int code = org.sae4j.cli.Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true),
                "browse", "-m", model.toString(), "--data", store.dir().toString(), "--out", local.toString());
        assertEquals(0, code);
        TreeMap<String, String> expected = files(local);
        assertTrue(expected.containsKey("data/index.js") && expected.containsKey("data/vocab.js"));
        assertTrue(expected.keySet().stream().anyMatch(f -> f.startsWith("data/tokens/")), "token-search shards");
        assertTrue(expected.keySet().stream().anyMatch(f -> f.startsWith("docs/")), "document pages");
        for (String partitions : List.of("1", "3")) {
            Path spread = dir.resolve("spark" + partitions);
            SparkTrainCommandTest.Run r = SparkTrainCommandTest.spark("browse", "--model", model.toString(), "--data",
                    store.dir().toString(), "--out", spread.toString(), "--partitions", partitions);
            assertEquals(0, r.code(), r.err());
            TreeMap<String, String> got = files(spread);
            assertEquals(expected.keySet(), got.keySet(), "the files on " + partitions + " partitions");
            for (String f : expected.keySet()) {
                String at = f + " on " + partitions + " partitions";
                if (f.equals("data/index.js")) {
                    sameIndex(expected.get(f), got.get(f), at);
                } else if (f.startsWith("latents/")) {
                    assertEquals(withoutMean(expected.get(f)), withoutMean(got.get(f)), at);
                    assertEquals(mean(expected.get(f)), mean(got.get(f)), 1e-12 * mean(expected.get(f)), at);
                } else {
                    assertEquals(expected.get(f), got.get(f), at);
                }
            }
        }
    }

    @Test
    void aFolderThatIsNoStoreIsOneSentence(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("sae.safetensors");
        ModelFile.save(BrowseFixtures.sae(), model);
        SparkTrainCommandTest.Run r = SparkTrainCommandTest.spark("browse", "--model", model.toString(), "--data",
                dir.toString(), "--out", dir.resolve("site").toString());
        assertEquals(SparkMain.USER_ERROR, r.code());
        assertTrue(r.err().contains("is not an activation store's folder"), r.err());
    }

    /** Every text file of a site by its path relative to the site (the marker file aside). */
    private static TreeMap<String, String> files(Path site) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(site)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(site.relativize(p).toString().replace('\\', '/'), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** The index's latent rows equal, their fifth field (the mean when active, as a float) to 1e-6 relative. */
    private static void sameIndex(String expected, String got, String at) {
        String[] e = expected.split("\n");
        String[] g = got.split("\n");
        assertEquals(e.length, g.length, at);
        for (int i = 0; i < e.length; i++) {
            String[] ef = e[i].split(",", 6);
            String[] gf = g[i].split(",", 6);
            if (ef.length < 6 || !e[i].startsWith("[")) {
                assertEquals(e[i], g[i], at);
                continue;
            }
            for (int k = 0; k < 6; k++) {
                if (k == 4) {
                    assertEquals(Double.parseDouble(ef[k]), Double.parseDouble(gf[k]), 1e-6 * Math.abs(Double.parseDouble(ef[k])), at);
                } else {
                    assertEquals(ef[k], gf[k], at + " line " + i);
                }
            }
        }
    }

    private static final java.util.regex.Pattern MEAN = java.util.regex.Pattern.compile(
            "<b id=\"mean\" data-value=\"([^\"]*)\">[^<]*</b>");

    private static String withoutMean(String page) {
        return MEAN.matcher(page).replaceAll("<b id=\"mean\"></b>");
    }

    private static double mean(String page) {
        java.util.regex.Matcher m = MEAN.matcher(page);
        assertTrue(m.find(), "the page shows the mean");
        return Double.parseDouble(m.group(1));
    }
}
