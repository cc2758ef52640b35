package org.sae4j.report;

import org.sae4j.train.Trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.Autoencoder;
import org.sae4j.nn.Activation;
import org.sae4j.train.FitOptions;

/** The whole report on a quickly trained model: every referenced PNG exists, reads back, and has its size. */
class HtmlReportTest {
    private static Autoencoder trained;
    private static Dataset data;

    @BeforeAll
    static void train() {
        data = DataSources.resolve("embedded").limit(500);
        trained = Autoencoder.builder(784).encoder(64, 16).activation(Activation.RELU)
                .outputActivation(Activation.SIGMOID).seed(7).build();
        Trainer.fit(trained, data, FitOptions.builder().epochs(1).batchSize(64).validationSplit(0.1)
                .normalization(Normalizer.Kind.MIN_MAX).build());
    }

    /** The src of every img tag with its width and height attributes, in page order. */
    static Map<String, int[]> images(String html) {
        Map<String, int[]> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<img [^>]*src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            out.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
        }
        return out;
    }

    static void assertImagesMatch(Path dir, Map<String, int[]> imgs) throws Exception {
        for (Map.Entry<String, int[]> e : imgs.entrySet()) {
            Path png = dir.resolve(e.getKey());
            assertTrue(Files.isRegularFile(png), "missing " + png);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, "not a readable image: " + png);
            assertEquals(e.getValue()[0], img.getWidth(), e.getKey() + " width");
            assertEquals(e.getValue()[1], img.getHeight(), e.getKey() + " height");
        }
    }

    @Test
    void writesIndexAndEveryImageItReferences(@TempDir Path dir) throws Exception {
        Dataset named = new Dataset("a<b", data.values(), data.rows(), data.cols(), data.labels());
        Path index = HtmlReport.write(trained, named, dir.resolve("rep"), new HtmlReport.Options(64, 16, "m&m.safetensors"));
        assertEquals(dir.resolve("rep").resolve("index.html"), index);
        String html = Files.readString(index);
        Path out = index.getParent();

        Map<String, int[]> imgs = images(html);
        assertEquals(List.of(HtmlReport.RECONSTRUCTIONS, HtmlReport.DECODINGS, HtmlReport.FILTERS,
                HtmlReport.MEAN_ACTIVATION, HtmlReport.LOSS, HtmlReport.L0), new ArrayList<>(imgs.keySet()));
        assertImagesMatch(out, imgs);
        // 28×28 tiles at scale 2 with 1-px separators: 16 samples in two rows; 64 filters in an 8×8 grid.
        assertEquals(16 * 56 + 15, imgs.get(HtmlReport.RECONSTRUCTIONS)[0]);
        assertEquals(2 * 56 + 1, imgs.get(HtmlReport.RECONSTRUCTIONS)[1]);
        assertEquals(8 * 56 + 7, imgs.get(HtmlReport.FILTERS)[0]);
        assertEquals(8 * 56 + 7, imgs.get(HtmlReport.FILTERS)[1]);
        assertEquals(Charts.WIDTH, imgs.get(HtmlReport.LOSS)[0]);
        assertEquals(Charts.HEIGHT, imgs.get(HtmlReport.LOSS)[1]);
        try (var files = Files.list(out)) {
            assertEquals(imgs.size() + 1, files.count(), "index.html and its images, no temp files");
        }
        if (Files.getFileStore(index).supportsFileAttributeView("posix")) {
            assertTrue(Files.getPosixFilePermissions(index).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
                    "a report is meant to be shared: readable by all, unlike the owner-only temp file");
        }

        EvalReport r = Metrics.evaluate(trained, named, null);
        assertTrue(html.contains(String.format(Locale.ROOT, "%.6f", r.mse())), "mse");
        assertTrue(html.contains(String.format(Locale.ROOT, "%.4f", r.fvu())), "fvu");
        assertTrue(html.contains(String.format(Locale.ROOT, "%.2f of 16", r.l0())), "L0");
        assertTrue(html.contains(String.format(Locale.ROOT, "%.1f%%", 100 * r.deadFraction())), "dead");
        assertTrue(html.contains("784-64-16-64-784"));
        assertTrue(html.contains("hidden relu, code relu, output sigmoid"));
        assertTrue(html.contains("min_max"));
        assertTrue(html.contains("validation"));

        assertTrue(html.contains("'a&lt;b'") && !html.contains("a<b"), "dataset name escaped");
        assertTrue(html.contains("m&amp;m.safetensors") && !html.contains("m&m"), "title escaped");
        assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://"),
                "self-contained, no JavaScript");
    }

    @Test
    void untrainedModelSaysItHasNoHistoryAndDrawsNoCurves(@TempDir Path dir) throws Exception {
        Autoencoder fresh = Autoencoder.builder(784).encoder(8).activation(Activation.SIGMOID).build();
        fresh.setNormalizer(trained.normalizer());
        Path index = HtmlReport.write(fresh, data.limit(50), dir, new HtmlReport.Options(4, 3, "fresh"));
        String html = Files.readString(index);
        assertTrue(html.contains("no training history"), html);
        Map<String, int[]> imgs = images(html);
        assertFalse(imgs.containsKey(HtmlReport.LOSS));
        assertFalse(Files.exists(dir.resolve(HtmlReport.LOSS)));
        assertImagesMatch(dir, imgs);
        assertEquals(3 * 56 + 2, imgs.get(HtmlReport.RECONSTRUCTIONS)[0]);
        assertEquals(2 * 56 + 1, imgs.get(HtmlReport.FILTERS)[0], "4 filters: a 2x2 grid");
    }

    @Test
    void dataOfAnyWidthIsDrawnAsStrips(@TempDir Path dir) throws Exception {
        int rows = 200;
        int cols = 10;
        float[] v = new float[rows * cols];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        Dataset table = new Dataset("table.csv", v, rows, cols);
        Autoencoder ae = Autoencoder.builder(cols).encoder(3).activation(Activation.TANH).build();
        Trainer.fit(ae, table, FitOptions.builder().epochs(2).batchSize(32).normalization(Normalizer.Kind.STANDARDIZE).build());
        Path index = HtmlReport.write(ae, table, dir, new HtmlReport.Options(64, 5, "t"));
        String html = Files.readString(index);
        Map<String, int[]> imgs = images(html);
        assertImagesMatch(dir, imgs);
        int scale = HtmlReport.scaleFor(cols);
        // Strips: input | reconstruction side by side, one sample per row; filters one per row.
        assertEquals(2 * cols * scale + 1, imgs.get(HtmlReport.RECONSTRUCTIONS)[0]);
        assertEquals(5 * scale + 4, imgs.get(HtmlReport.RECONSTRUCTIONS)[1]);
        assertEquals(cols * scale, imgs.get(HtmlReport.FILTERS)[0]);
        assertEquals(3 * scale + 2, imgs.get(HtmlReport.FILTERS)[1]);
        assertTrue(html.contains("mapping each input"), "standardised inputs are rescaled for display");
    }

    @Test
    void badOptionsAndEmptyDataAreUserErrors(@TempDir Path dir) {
        assertThrows(InvalidInputException.class, () -> new HtmlReport.Options(0, 16, "m"));
        assertThrows(InvalidInputException.class, () -> new HtmlReport.Options(64, -1, "m"));
        Dataset empty = new Dataset("empty.csv", new float[0], 0, 784);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HtmlReport.write(trained, empty, dir, HtmlReport.Options.defaults("m")));
        assertTrue(e.getMessage().contains("empty.csv"), e.getMessage());
    }
}
