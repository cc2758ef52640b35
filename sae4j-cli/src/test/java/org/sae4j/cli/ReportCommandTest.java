package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sae4j report} end to end, in-process, and its bad-input cases. */
class ReportCommandTest {
    @TempDir
    static Path shared;
    private static Path model;

    @BeforeAll
    static void trainModel() {
        model = shared.resolve("m.safetensors");
        CliTest.Run r = CliTest.run("train", "--limit", "500", "--epochs", "1", "--encoder", "32,8", "-q", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void writesTheReportAndPrintsTheIndexPath(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("my report");
        CliTest.Run r = CliTest.run("report", "--model", model.toString(), "--limit", "300", "--out", out.toString(),
                "--units", "9", "--samples", "4");
        assertEquals(0, r.code(), r.err());
        Path index = Path.of(r.out().strip());
        assertEquals(out.resolve("index.html").toAbsolutePath(), index);
        String html = Files.readString(index);
        assertTrue(html.contains("m.safetensors") && html.contains("784-32-8-32-784") && html.contains("'embedded-held-out'"), html);
        assertTrue(html.contains("fvu"));
        // 9 filters: a 3×3 grid of 28×28 tiles at scale 2; 4 samples over their reconstructions.
        var filters = ImageIO.read(out.resolve("first-layer-filters.png").toFile());
        assertEquals(3 * 56 + 2, filters.getWidth());
        var recon = ImageIO.read(out.resolve("reconstructions.png").toFile());
        assertEquals(4 * 56 + 3, recon.getWidth());
        assertEquals(2 * 56 + 1, recon.getHeight());
        assertTrue(Files.exists(out.resolve("training-loss.png")));

        // Running again over the same folder replaces the files.
        assertEquals(0, CliTest.run("report", "-m", model.toString(), "--limit", "100", "-o", out.toString()).code());
    }

    @Test
    void badInputGetsOneSentenceAndExitCodeOne(@TempDir Path dir) throws Exception {
        CliTest.run("report", "--model", dir.resolve("missing.safetensors").toString(), "--out", dir.resolve("r").toString())
                .assertUserError("missing.safetensors");
        Files.writeString(dir.resolve("junk.safetensors"), "not a model");
        CliTest.run("report", "--model", dir.resolve("junk.safetensors").toString(), "--out", dir.resolve("r").toString())
                .assertUserError("junk.safetensors");
        CliTest.run("report", "--model", model.toString(), "--units", "0").assertUserError("--units is 0");
        CliTest.run("report", "--model", model.toString(), "--samples", "-2").assertUserError("--samples is -2");
        Path file = dir.resolve("taken");
        Files.writeString(file, "x");
        CliTest.run("report", "--model", model.toString(), "--out", file.toString()).assertUserError("taken", "folder");
        Path narrow = dir.resolve("narrow.csv");
        Files.writeString(narrow, "1,2,3\n4,5,6\n");
        CliTest.run("report", "--model", model.toString(), "--data", narrow.toString(), "--out", dir.resolve("r").toString())
                .assertUserError("narrow.csv", "3 features", "784");
        CliTest.run("report", "--model", model.toString(), "--limit", "0", "--out", dir.resolve("r").toString())
                .assertUserError("--limit is 0");
        assertFalse(Files.exists(dir.resolve("r")), "no report folder after a failed run");

        CliTest.Run usage = CliTest.run("report");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("Error: ") && usage.err().contains("--model"), usage.err());
    }

    @Test
    void anSaeGetsTheFeatureBrowser(@TempDir Path dir) throws Exception {
        Path sae = dir.resolve("sae.safetensors");
        CliTest.Run t = CliTest.run("train", "--arch", "topk", "--width", "64", "--k", "8", "--limit", "600",
                "--epochs", "1", "-q", "-o", sae.toString());
        assertEquals(0, t.code(), t.err());
        Path out = dir.resolve("sae report");
        CliTest.Run r = CliTest.run("report", "--model", sae.toString(), "--limit", "300", "--out", out.toString(),
                "--latents", "3", "--top", "4", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(Path.of(r.out().strip()));
        assertTrue(html.contains("topk SAE 784-64") && html.contains("id=\"most-frequent\"")
                && html.contains("id=\"random\"") && html.contains("seed 5"), html);
        assertEquals(3, html.split("id=\"most-frequent-latent-").length - 1);
        assertTrue(Files.exists(out.resolve("feature-density.png")));
        CliTest.run("report", "--model", sae.toString(), "--latents", "0").assertUserError("--latents is 0");
        CliTest.run("report", "--model", sae.toString(), "--top", "-1").assertUserError("--top is -1");
    }

    @Test
    void helpShowsExamplesAndTheTopLevelHelpListsReport() {
        CliTest.Run help = CliTest.run("report", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Example") && help.out().contains("--samples"), help.out());
        assertTrue(help.out().contains("--latents") && help.out().contains("--top"), help.out());
        assertTrue(help.out().lines().allMatch(l -> l.length() <= 80), "80 columns:\n" + help.out());
        assertTrue(CliTest.run("--help").out().contains("report"));
    }
}
