package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.eval.DensityHistogram;
import org.sae4j.eval.EvalReport;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;

class TrainingWarningsTest {
    private static History losses(double... loss) {
        EpochStats[] e = new EpochStats[loss.length];
        for (int i = 0; i < loss.length; i++) {
            e[i] = new EpochStats(i + 1, loss[i], loss[i], Double.NaN, 3, 0.1, 0.5, 0.0, 1, 100);
        }
        return new History(List.of(e));
    }

    private static EvalReport report(double fvu, double dead) {
        return new EvalReport("d", 10, 0.01, fvu, 1 - fvu, 0.9, 1, 1, 1, "origin", 3, dead, new float[] {0.1f, 0.2f},
                new double[] {0.5, 0.5}, new DensityHistogram(new double[] {-1, 0}, new long[] {2}, 0), 0);
    }

    @Test
    void healthyRunHasNoWarnings() {
        assertEquals(List.of(), TrainingWarnings.of(losses(0.5, 0.3, 0.2), report(0.3, 0.5), "latents"));
    }

    @Test
    void deadCodeWorseThanTheMeanAndRisingLossAreWarned() {
        List<String> w = TrainingWarnings.of(losses(0.5, 0.4, 3.0), report(1.8, 1.0), "code units");
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).contains("100% of the 2 code units were never active"), w.get(0));
        assertTrue(w.get(1).contains("fvu 1.80"), w.get(1));
        assertTrue(w.get(2).contains("ended at 3.000") && w.get(2).contains("--lr"), w.get(2));
        assertEquals(1, TrainingWarnings.of(losses(0.5, Double.NaN), report(0.3, 0), "latents").size());
        assertTrue(TrainingWarnings.of(losses(0.5, 0.4), report(0.3, 1.0), "latents").get(0)
                .contains("100% of the 2 latents were never active"), "an SAE's warning counts latents");
    }

    @Test
    void aHugeLearningRateEndsWithAWarning(@TempDir Path dir) {
        CliTest.Run r = CliTest.run("train", "--lr", "1e6", "--limit", "500", "--epochs", "2", "-q",
                "-o", dir.resolve("m.safetensors").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Warning: "), r.out());
    }

    @Test
    void evalReportPrintsItsValuesNotAnArrayAddress() {
        String s = report(0.3, 0.5).toString();
        assertTrue(s.contains("meanActivation=[0.1000, 0.2000]"), s);
        assertEquals(report(0.3, 0.5), report(0.3, 0.5));
    }
}
