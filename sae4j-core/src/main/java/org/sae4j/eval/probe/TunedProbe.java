package org.sae4j.eval.probe;

import java.util.Arrays;
import java.util.List;
import org.sae4j.eval.probe.LogisticProbe.Settings;
import org.sae4j.tensor.SparseCode;

/**
 * Fits a logistic probe whose step size and L2 penalty are chosen by validation: each setting of a small grid
 * is fitted on the first 80% of the training rows and scored on the last 20%; the best is refitted on all of
 * them. Latents and raw inputs go through the same grid and the same procedure, so neither is handicapped by
 * settings that suit the other: on Fashion-MNIST a 4096-wide SAE's latents want a far smaller step (fewer,
 * gentler updates of 40,960 weights) than 784 pixels do.
 */
final class TunedProbe {
    /** Step sizes 1e-2 and 1e-3, each with penalties 1e-4, 1e-3, 1e-2; ties go to the earlier setting. */
    static final List<Settings> GRID = List.of(
            new Settings(1e-2, 1e-4), new Settings(1e-2, 1e-3), new Settings(1e-2, 1e-2),
            new Settings(1e-3, 1e-4), new Settings(1e-3, 1e-3), new Settings(1e-3, 1e-2));
    static final double VALIDATION_FRACTION = 0.2;

    private TunedProbe() {
    }

    /** The training rows are already in a seeded random order, so their tail is a fair validation sample. */
    static LogisticProbe fit(SparseCode x, int[] y, int classes, int epochs, long seed) {
        int fitRows = (int) Math.round(x.rows() * (1 - VALIDATION_FRACTION));
        if (fitRows < 1 || fitRows >= x.rows()) {
            return LogisticProbe.fit(x, y, classes, epochs, GRID.get(0), seed);
        }
        int[] head = range(0, fitRows);
        int[] tail = range(fitRows, x.rows());
        SparseCode xFit = x.selectRows(head);
        SparseCode xVal = x.selectRows(tail);
        int[] yFit = Arrays.copyOfRange(y, 0, fitRows);
        int[] yVal = Arrays.copyOfRange(y, fitRows, x.rows());
        Settings best = GRID.get(0);
        double bestAcc = -1;
        for (Settings s : GRID) {
            double acc = LogisticProbe.fit(xFit, yFit, classes, epochs, s, seed).accuracy(xVal, yVal);
            if (acc > bestAcc) {
                bestAcc = acc;
                best = s;
            }
        }
        return LogisticProbe.fit(x, y, classes, epochs, best, seed);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
