package org.sae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * Opens the SAE report in headless Chromium (Debian's {@code chromium}, installed by .ci/run) and checks what a
 * person would see: the browser sections with their latent ids as rendered text, every image decoded by the
 * browser (naturalWidth > 0) and laid out, and a screenshot that is not blank and shows the red and blue of the
 * decoder directions. Skipped when no Chromium is installed.
 */
class SaeReportChromiumTest {
    /** Added to a copy of the page only: the report itself stays free of JavaScript. */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', function () {
              var ok = 0, broken = [], unlaid = 0;
              document.querySelectorAll('img').forEach(function (i) {
                if (i.complete && i.naturalWidth > 0) { ok++; } else { broken.push(i.getAttribute('src')); }
                if (i.getBoundingClientRect().width === 0) { unlaid++; }
              });
              var out = ['images ' + ok + ' broken ' + broken.length + ' [' + broken.join(' ') + '] unlaid ' + unlaid];
              document.querySelectorAll('section.browser').forEach(function (s) {
                var ids = [];
                s.querySelectorAll('article.latent h4').forEach(function (h) { ids.push(h.innerText); });
                out.push('section ' + s.id + ' visible ' + (s.offsetHeight > 0) + ': ' + ids.join(', '));
              });
              var p = document.createElement('pre');
              p.id = 'probe';
              p.textContent = out.join('\\n');
              document.body.appendChild(p);
            });
            </script>
            """;

    /** Runs headless Chromium on {@code page} with {@code extra} arguments and returns its standard output. */
    private static String run(Path chromium, Path profile, Path page, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium exit code for " + cmd);
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    @Test
    void chromiumRendersEverySectionAndEveryImage(@TempDir Path tmp) throws Exception {
        Optional<Path> chromium = org.sae4j.report.browse.Chromium.binary();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium)");
        Dataset data = DataSources.resolve("embedded").limit(2000);
        SparseAutoencoder sae = SaeReportTest.trainedTopK(data);
        Path dir = tmp.resolve("report");
        Path index = SaeReport.write(sae, data, dir, new SaeReport.Options(4, 6, 0, "chromium.safetensors"));
        LatentSelection pick = LatentSelection.of(
                LatentScan.run(sae, sae.prepare(data)).sparsity().firingCounts(), 4, 0);

        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, Files.readString(index).replace("</body>", PROBE + "</body>"));
        String dom = run(chromium.get(), tmp.resolve("profile"), probe, "--dump-dom");
        Matcher m = Pattern.compile("<pre id=\"probe\">([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the probe ran in the page: " + dom.substring(0, Math.min(500, dom.length())));
        String[] lines = m.group(1).split("\n");
        int imgs = HtmlReportTest.images(Files.readString(index)).size();
        assertEquals("images " + imgs + " broken 0 [] unlaid 0", lines[0], "every image decoded and laid out");
        assertEquals(4, lines.length, String.join("\n", lines));
        assertEquals("section most-frequent visible true: " + names(pick.mostFrequent()), lines[1]);
        assertEquals("section least-frequent visible true: " + names(pick.leastFrequent()), lines[2]);
        assertEquals("section random visible true: " + names(pick.random()), lines[3]);

        Path shot = tmp.resolve("screenshot.png");
        run(chromium.get(), tmp.resolve("profile"), index, "--screenshot=" + shot, "--window-size=1280,5000");
        Path target = Path.of("target");
        if (Files.isDirectory(target)) { // kept for a person (or CI artifact) to look at
            Files.copy(shot, target.resolve("sae-report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1280, img.getWidth());
        assertTrue(variance(img) > 500, "the page is not blank: gray variance " + variance(img));
        int red = count(img, 0);
        int blue = count(img, 2);
        assertTrue(red > 200 && blue > 200, "the decoder directions show red and blue: " + red + ", " + blue);
    }

    private static String names(int[] latents) {
        return String.join(", ", Stream.of(java.util.Arrays.stream(latents).boxed().toArray(Integer[]::new))
                .map(i -> "Latent " + i).toList());
    }

    private static double variance(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                double g = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3.0;
                sum += g;
                sq += g * g;
                n++;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }

    /** Pixels clearly dominated by one channel (0 red, 2 blue): the charts are blue-gray, never red. */
    private static int count(BufferedImage img, int channel) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int[] c = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                int other = channel == 0 ? Math.max(c[1], c[2]) : Math.max(c[0], c[1]);
                n += c[channel] > other + 60 ? 1 : 0;
            }
        }
        return n;
    }
}
