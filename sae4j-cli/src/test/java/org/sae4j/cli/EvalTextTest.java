package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.TestShards;

/**
 * Figures that mislead without their context: an MSE is in the units of the model's own scaling, so a model and its
 * SAELens export (the scaling folded into the weights: raw units) report different numbers and must say which; a
 * dead fraction measured on the training's held-out slice is what did not fire on those rows.
 */
class EvalTextTest {
    @TempDir
    Path dir;

    @Test
    void theMseSaysItsUnitsAndTheSummarysDeadFractionItsRows() throws Exception {
        Path npy = dir.resolve("acts.npy");
        TestShards.write(npy, 1500, 40, 12);
        Path model = dir.resolve("sae.safetensors");
        CliTest.Run train = CliTest.run("train", "--data", npy.toString(), "--arch", "topk", "--width", "120", "--k", "3",
                "--epochs", "2", "--scale", "mean-norm", "-q", "-o", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().matches("(?s).*\\n  mse per value +[0-9.]+  \\(units of the mean-norm scaling\\)\\n.*"),
                train.out());
        assertTrue(train.out().matches("(?s).*\\n  dead latents +[0-9.]+% did not fire on these 150 rows \\([0-9.]+% by the "
                + "training's count of latents idle for --dead-after samples\\)\\n.*"), train.out());
        assertTrue(train.out().matches("(?s).*\\n  L0 +[0-9.]+ of 120 latents \\(active: .*"), "an SAE's L0 counts latents: "
                + train.out());

        Path exported = dir.resolve("saelens");
        assertEquals(0, CliTest.run("export", "--model", model.toString(), "--out", exported.toString()).code());
        CliTest.Run own = CliTest.run("eval", "--model", model.toString(), "--data", npy.toString(), "--no-probe");
        CliTest.Run raw = CliTest.run("eval", "--model", exported.toString(), "--data", npy.toString(), "--no-probe");
        assertTrue(own.out().contains("  (units of the mean-norm scaling)"), own.out());
        assertTrue(raw.out().contains("  (raw units)"), raw.out());
        assertTrue(CliTest.run("eval", "--model", exported.toString(), "--data", npy.toString(), "--json").out()
                .contains("\"mse_units\":\"none\""));
        assertTrue(CliTest.run("eval", "--model", model.toString(), "--data", npy.toString(), "--json").out()
                .contains("\"mse_units\":\"mean_norm\""));
    }
}
