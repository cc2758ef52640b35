package org.sae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.eval.SparsityMetrics;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/** The SAE report on a quickly trained TopK SAE: files, numbers, sections and labelled tiles. */
class SaeReportTest {
    static SparseAutoencoder trained;
    static Dataset data;

    @BeforeAll
    static void train() {
        data = DataSources.resolve("embedded").limit(2000);
        trained = trainedTopK(data);
    }

    static SparseAutoencoder trainedTopK(Dataset data) {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, 784).width(256).k(16).seed(3).build();
        Trainer.fit(sae, data, FitOptions.builder().epochs(1).batchSize(256).normalization(Normalizer.Kind.MIN_MAX).build());
        return sae;
    }

    @Test
    void writesEveryFigureAndTheFeatureBrowser(@TempDir Path dir) throws Exception {
        Dataset named = new Dataset("a<b", data.values(), data.rows(), data.cols(), data.labels());
        Path index = SaeReport.write(trained, named, dir.resolve("rep"), new SaeReport.Options(5, 6, 1, "t&t.safetensors"));
        String html = Files.readString(index);
        Path out = index.getParent();

        Map<String, int[]> imgs = HtmlReportTest.images(html);
        HtmlReportTest.assertImagesMatch(out, imgs);
        for (String f : new String[] {SaeReport.DENSITY, SaeReport.LOSS, SaeReport.L0, SaeReport.EXPLAINED_VARIANCE}) {
            assertTrue(imgs.containsKey(f), f);
        }
        // Two images per distinct latent shown, both the browser's own files, and a link to its browser page.
        LatentScan scan = LatentScan.run(trained, trained.prepare(data));
        LatentSelection pick = LatentSelection.of(scan.sparsity().firingCounts(), 5, 1);
        assertFalse(Files.exists(out.resolve("latents")), "no second set of latent images");
        for (int latent : pick.all()) {
            int[] top = imgs.get("browser/latents/" + latent + "-top.png");
            int[] decoder = imgs.get("browser/latents/" + latent + "-decoder.png");
            assertEquals(84, decoder[0], "28x28 at scale 3");
            int shown = (int) Math.min(6, scan.sparsity().firingCounts()[latent]); // top 6 of its firing inputs
            assertEquals(shown * 84 + shown - 1, top[0], "one tile per top input in one row");
            assertTrue(html.contains("alt=\"Latent " + latent + ": its top " + shown + " inputs"), "alt names the latent");
            assertTrue(html.contains("labelled #" + latent), "caption names the tile label");
            assertTrue(html.contains("href=\"browser/latents/" + latent + ".html\""), "linked to its browser page");
            assertTrue(Files.isRegularFile(out.resolve("browser/latents/" + latent + ".html")));
        }
        assertTrue(Files.isRegularFile(out.resolve("browser/index.html")));

        // The three sections, with the latents in the order chosen, most frequent first.
        assertTrue(html.indexOf("id=\"most-frequent\"") < html.indexOf("id=\"least-frequent\""));
        assertTrue(html.indexOf("id=\"least-frequent\"") < html.indexOf("id=\"random\""));
        assertEquals(5, count(html, "id=\"most-frequent-latent-"));
        assertEquals(5, count(html, "id=\"random-latent-"));
        long[] fires = scan.sparsity().firingCounts();
        int[] most = pick.mostFrequent();
        for (int i = 1; i < most.length; i++) {
            assertTrue(fires[most[i - 1]] >= fires[most[i]]);
            assertTrue(html.indexOf("id=\"most-frequent-latent-" + most[i - 1] + "\"")
                    < html.indexOf("id=\"most-frequent-latent-" + most[i] + "\""));
        }

        // The header's numbers are those of the streaming metrics, which are checked by hand elsewhere.
        SparsityMetrics s = new SparsityMetrics(256);
        s.addDense(trained.encode(trained.prepare(data).values(), data.rows()), data.rows());
        assertTrue(html.contains(String.format(Locale.ROOT, "%.2f of 256", s.l0())), "L0");
        assertTrue(html.contains(String.format(Locale.ROOT, "%.2f%% (%d of 256)", 100 * s.deadFraction(), s.deadCount())));
        assertTrue(html.contains(String.format(Locale.ROOT, "%.6f", scan.reconstruction().mse())), "mse");
        assertTrue(html.contains(String.format(Locale.ROOT, "%.4f", scan.reconstruction().explainedVariance())));
        assertTrue(scan.reconstruction().explainedVariance() > 0.3, "a trained SAE explains variance");
        assertTrue(html.contains("topk SAE 784-256") && html.contains("mse of the top 16"), "architecture, objective");
        assertTrue(html.contains("min_max"));

        assertTrue(html.contains("'a&lt;b'") && !html.contains("a<b"), "dataset name escaped");
        assertTrue(html.contains("t&amp;t.safetensors") && !html.contains("t&t"), "title escaped");
        assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://"),
                "self-contained, no JavaScript");

        // Writing again over the same folder replaces the browser whole.
        SaeReport.write(trained, data, out, new SaeReport.Options(2, 3, 9, "t"));
        assertTrue(Files.readString(out.resolve("browser/latents/" + pick.all()[0] + ".html")).contains("Top 3 examples"));
    }

    @Test
    void tilesCarryTheLatentIdDrawnIntoThePixels() {
        float[][] inputs = {new float[784], new float[784]};
        BufferedImage plain = TileImage.render(inputs, 2, TileImage.Mode.UNIT, LatentImages.SCALE);
        BufferedImage labelled = LatentImages.topInputs(inputs, new float[] {2.5f, 1f}, 123);
        assertEquals(plain.getWidth(), labelled.getWidth());
        // Black tiles: the label is the only white there, top-left and bottom-left of each tile.
        for (int tile = 0; tile < 2; tile++) {
            int x0 = tile * 85;
            assertTrue(whitePixels(labelled, x0, 0, 40, 14) > 10, "latent id in tile " + tile);
            assertTrue(whitePixels(labelled, x0, 70, 40, 14) > 10, "activation in tile " + tile);
            assertEquals(0, whitePixels(labelled, x0 + 45, 30, 35, 30), "middle of the tile untouched");
        }
        BufferedImage dec = LatentImages.decoderDirection(new float[784], 7);
        assertTrue(whiteOnDark(dec), "the decoder tile is labelled too");
        // Diverging map: positive red, negative blue, zero white.
        assertEquals(TileImage.POSITIVE, TileImage.rgb(1, TileImage.Mode.DIVERGING, 1));
        assertEquals(TileImage.NEGATIVE, TileImage.rgb(-2, TileImage.Mode.DIVERGING, 2));
        assertEquals(0xFFFFFF, TileImage.rgb(0, TileImage.Mode.DIVERGING, 2));
        assertNotEquals(TileImage.rgb(0.5f, TileImage.Mode.DIVERGING, 1), TileImage.rgb(-0.5f, TileImage.Mode.DIVERGING, 1));
    }

    private static boolean whiteOnDark(BufferedImage img) {
        boolean dark = false;
        for (int x = 0; x < 30; x++) {
            for (int y = 0; y < 12; y++) {
                dark |= (img.getRGB(x, y) & 0xFF) < 100;
            }
        }
        return dark && whitePixels(img, 0, 0, 30, 12) > 5;
    }

    private static int whitePixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int x = x0; x < x0 + w; x++) {
            for (int y = y0; y < y0 + h; y++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void nonImageInputsLinkToTheirRowsInTheBrowser(@TempDir Path dir) throws Exception {
        int rows = 300;
        int cols = 10;
        float[] v = new float[rows * cols];
        java.util.Random rnd = new java.util.Random(2);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        Dataset table = new Dataset("table.csv", v, rows, cols);
        SparseAutoencoder sae = SaeBuilder.of(Architecture.STANDARD, cols).width(20).coefficient(1e-3).build();
        Trainer.fit(sae, table, FitOptions.builder().epochs(2).batchSize(32).normalization(Normalizer.Kind.STANDARDIZE).build());
        Path index = SaeReport.write(sae, table, dir, new SaeReport.Options(3, 4, 0, "t"));
        String html = Files.readString(index);
        HtmlReportTest.assertImagesMatch(dir, HtmlReportTest.images(html));
        assertFalse(html.contains("-decoder.png") || html.contains("-top.png"), "no pictures of 10-wide inputs");
        Matcher m = Pattern.compile("href=\"browser/latents/(\\d+)\\.html\"").matcher(html);
        assertTrue(m.find(), html);
        String page = Files.readString(dir.resolve("browser/latents/" + m.group(1) + ".html"));
        assertTrue(page.contains("<span class=\"rowid\">row "), "the browser lists a table's top rows by index");
    }

    @Test
    void untrainedModelHasNoCurvesAndBadInputIsAUserError(@TempDir Path dir) throws Exception {
        SparseAutoencoder fresh = SaeBuilder.of(Architecture.TOPK, 784).width(32).k(4).build();
        fresh.setNormalizer(trained.normalizer());
        String html = Files.readString(SaeReport.write(fresh, data.limit(100), dir, SaeReport.Options.defaults("f")));
        assertTrue(html.contains("no training history"));
        assertFalse(Files.exists(dir.resolve(SaeReport.LOSS)));
        HtmlReportTest.assertImagesMatch(dir, HtmlReportTest.images(html));

        assertThrows(InvalidInputException.class, () -> new SaeReport.Options(0, 8, 0, "m"));
        assertThrows(InvalidInputException.class, () -> new SaeReport.Options(8, 0, 0, "m"));
        Dataset empty = new Dataset("empty.csv", new float[0], 0, 784);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SaeReport.write(trained, empty, dir, SaeReport.Options.defaults("m")));
        assertTrue(e.getMessage().contains("empty.csv"), e.getMessage());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
