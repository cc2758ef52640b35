package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.model.sae.SaeFixtures.BATCH;
import static org.sae4j.model.sae.SaeFixtures.D;
import static org.sae4j.model.sae.SaeFixtures.WIDTH;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.GradientCheck;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.SparseCode;

/**
 * The gated SAE's budgeted step ({@link StepContext#budget}) in both of its phases: while the budget's top ⌈L*⌉ of
 * π_mag opens the gates and after, when π_gate > 0 does. With π_mag and π_gate kept away from every edge of the
 * selection (a row's k-th and (k+1)-th π_mag, zero for π_gate, zero for the open π_mag), the step's gradients of
 * W_enc, W_dec, b_dec, b_mag and r_mag (and a transcoder's W_skip) are the loss's by finite differences, b_gate gets
 * exactly none, and the open set, the loss and each latent's split are what a plain double computation gives.
 */
class GatedBudgetGradientTest {
    private static final float EPS = 2e-3f;
    /** Kept between every pre-activation and the selection's edges: a step of EPS moves π by at most about 0.01. */
    private static final double MARGIN = 0.02;

    /** The fixture's gated SAE, or a gated transcoder to d_out 4 with a skip. */
    private static GatedSae model(boolean transcoder) {
        return (GatedSae) (transcoder ? TranscoderGradientTest.transcoder(Architecture.GATED, 4, true)
                : SaeFixtures.model(Architecture.GATED));
    }

    /** π_gate = z + b_gate and π_mag = exp(r_mag)·z + b_mag, z = W_enc·(x − b_dec) (W_enc·x for a transcoder). */
    private record Pre(double[][] gate, double[][] mag) {
    }

    private static Pre preActivations(GatedSae m, float[] rows, boolean transcoder) {
        int rowSize = m.rowSize();
        float[] we = m.encoderWeight().value();
        float[] bGate = m.encoderBias().value();
        float[] bd = m.decoderBias().value();
        double[][] gate = new double[BATCH][WIDTH];
        double[][] mag = new double[BATCH][WIDTH];
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < WIDTH; i++) {
                double z = 0;
                for (int j = 0; j < D; j++) {
                    z += (rows[r * rowSize + j] - (transcoder ? 0.0 : bd[j])) * we[i * D + j];
                }
                gate[r][i] = z + bGate[i];
                mag[r][i] = Math.exp(m.rMag().value()[i]) * z + m.bMag().value()[i];
            }
        }
        return new Pre(gate, mag);
    }

    /** The latents the step should train: π_mag > 0 among each row's top-k π_mag, or where π_gate > 0 after. */
    private static boolean[][] open(Pre p, int k, boolean budgetSelects) {
        boolean[][] on = new boolean[BATCH][WIDTH];
        for (int r = 0; r < BATCH; r++) {
            double[] sorted = p.mag()[r].clone();
            Arrays.sort(sorted);
            for (int i = 0; i < WIDTH; i++) {
                boolean gateOpen = budgetSelects ? p.mag()[r][i] >= sorted[WIDTH - k] : p.gate()[r][i] > 0;
                on[r][i] = gateOpen && p.mag()[r][i] > 0;
            }
        }
        return on;
    }

    /**
     * The smallest distance of any pre-activation to an edge of the step's selection: under the top-k, the gap between
     * a row's k-th and (k+1)-th π_mag and the kept ones' π_mag to zero; after, every π_gate to zero and the open ones'
     * π_mag to zero (the ReLU).
     */
    private static double margin(Pre p, int k, boolean budgetSelects) {
        double m = Double.POSITIVE_INFINITY;
        for (int r = 0; r < BATCH; r++) {
            double[] sorted = p.mag()[r].clone();
            Arrays.sort(sorted);
            for (int i = 0; i < WIDTH; i++) {
                boolean gateOpen = budgetSelects ? p.mag()[r][i] >= sorted[WIDTH - k] : p.gate()[r][i] > 0;
                if (!budgetSelects) {
                    m = Math.min(m, Math.abs(p.gate()[r][i]));
                }
                if (gateOpen) {
                    m = Math.min(m, Math.abs(p.mag()[r][i]));
                }
            }
            if (budgetSelects) {
                m = Math.min(m, sorted[WIDTH - k] - sorted[WIDTH - k - 1]);
            }
        }
        return m;
    }

    /** Gaussian rows of the first seed whose pre-activations keep {@link #MARGIN} from the selection's edges. */
    private static float[] rowsAwayFromEdges(GatedSae m, boolean transcoder, int k, boolean budgetSelects) {
        for (long seed = 3; seed < 10_000; seed++) {
            float[] rows = SaeFixtures.gaussian(seed, BATCH * m.rowSize());
            Pre p = preActivations(m, rows, transcoder);
            int on = 0;
            for (boolean[] row : open(p, k, budgetSelects)) {
                for (boolean b : row) {
                    on += b ? 1 : 0;
                }
            }
            if (margin(p, k, budgetSelects) > MARGIN && on >= BATCH) {
                return rows;
            }
        }
        throw new AssertionError("no rows keep " + MARGIN + " from the selection's edges");
    }

    @ParameterizedTest(name = "transcoder {0}, budget {1}, top-k selects {2}")
    @CsvSource({"false, 3, true", "false, 3, false", "false, 2.5, true", "false, 2.5, false", "true, 3, true",
        "true, 3, false", "true, 2.5, true", "true, 2.5, false"})
    void theStepsGradientsAreTheLossesAndTheGateBiasGetsNone(boolean transcoder, double budget, boolean budgetSelects) {
        GatedSae m = model(transcoder);
        int k = (int) Math.ceil(budget);
        float[] rows = rowsAwayFromEdges(m, transcoder, k, budgetSelects);
        StepContext ctx = new StepContext(null, 1.0, 0, budget, budgetSelects);
        Arrays.fill(m.encoderBias().grad(), 7f); // a stale gradient the step must not leave
        BatchResult result = m.forwardBackward(rows, BATCH, ctx);
        assertArrayEquals(new float[WIDTH], m.encoderBias().grad(), "b_gate's gradient in a budgeted step");
        assertEquals(0.0, result.penalty(), "no L1 term");
        assertEquals(0.0, result.aux(), "no auxiliary term");

        Map<String, float[]> analytic = new HashMap<>();
        for (Parameter p : m.parameters()) {
            analytic.put(p.name(), p.grad().clone());
        }
        int checked = 0;
        for (Parameter p : m.parameters()) {
            // b_gate too: away from the edges the loss does not move with it, so its difference is zero like its grad.
            checked += GradientCheck.check("budget " + budget + " selects " + budgetSelects + " " + p.name(), p.value(),
                    analytic.get(p.name()), EPS, GradientCheck.ABS_TOL, GradientCheck.REL_TOL,
                    () -> m.forwardBackward(rows, BATCH, ctx).total(), i -> true);
        }
        int all = m.parameters().stream().mapToInt(Parameter::size).sum();
        assertEquals(all, checked, "every value checked");
        for (String name : new String[] {"r_mag", "b_mag", "encoder.weight"}) {
            float[] g = analytic.get(name);
            assertTrue(SaeFixtures.nonZero(g) > 0, name + " trains through the magnitude path");
        }
    }

    /**
     * The plain SAE's step against a double computation: the latents it keeps are the rule's (top-k of π_mag or
     * π_gate > 0), with ReLU(π_mag) as values; the loss is the mean squared error of b_dec + Σ f_i·W_dec[i]; and the
     * splits are the budget's on π_mag ({@link BudgetSplitsCheck}), whichever phase the step is in.
     */
    @ParameterizedTest(name = "budget {0}, top-k selects {1}")
    @CsvSource({"3, true", "3, false", "2.5, true", "2.5, false", "1.2, true"})
    void theOpenSetLossAndSplitsAreTheRulesComputedAnew(double budget, boolean budgetSelects) {
        GatedSae m = model(false);
        int k = (int) Math.ceil(budget);
        float[] x = rowsAwayFromEdges(m, false, k, budgetSelects);
        Pre p = preActivations(m, x, false);
        boolean[][] on = open(p, k, budgetSelects);
        BatchResult result = m.forwardBackward(x, BATCH, new StepContext(null, 1.0, 0, budget, budgetSelects));

        float[] wd = m.decoderWeight().value();
        float[] bd = m.decoderBias().value();
        double sq = 0;
        float[] code = result.sparse().toDense();
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < WIDTH; i++) {
                assertEquals(on[r][i] ? p.mag()[r][i] : 0.0, code[r * WIDTH + i], 1e-5, "latent " + i + " of row " + r);
            }
            for (int j = 0; j < D; j++) {
                double out = bd[j];
                for (int i = 0; i < WIDTH; i++) {
                    out += on[r][i] ? p.mag()[r][i] * wd[i * D + j] : 0;
                }
                sq += (out - x[r * D + j]) * (out - x[r * D + j]);
            }
        }
        assertEquals(sq / (BATCH * D), result.reconstruction(), 1e-5 * sq / (BATCH * D), "mean squared error");
        BudgetSplitsCheck.assertSplits(p.mag(), result.splits(), budget);
    }

    /** The budget's top-k and the gates open different latents on the fixture, so the two phases are two steps. */
    @ParameterizedTest(name = "budget {0}")
    @CsvSource({"3", "2.5"})
    void theTwoPhasesTrainDifferentLatents(double budget) {
        GatedSae m = model(false);
        float[] x = SaeFixtures.inputs(3);
        SparseCode topK = m.forwardBackward(x, BATCH, new StepContext(null, 1.0, 0, budget, true)).sparse();
        SparseCode gates = m.forwardBackward(x, BATCH, new StepContext(null, 1.0, 0, budget, false)).sparse();
        assertTrue(!Arrays.equals(topK.toDense(), gates.toDense()), "the same latents in both phases");
        assertArrayEquals(m.encode(x, BATCH), gates.toDense(), 1e-6f, "after the top-k, the step opens encode's gates");
        for (int r = 0; r < BATCH; r++) {
            assertTrue(topK.rowStart()[r + 1] - topK.rowStart()[r] <= Math.ceil(budget), "row " + r + " over the top-k");
        }
    }
}
