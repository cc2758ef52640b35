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
 * JumpReLU's budgeted step ({@link StepContext#budget}) in both of its phases: while the budget's top ⌈L*⌉ picks the
 * latents and after, when each latent's own θ_i does. With the pre-activations kept away from every edge of the
 * selection (the k-th and (k+1)-th of a row, θ_i, zero), the step's gradients of W_enc, b_enc, W_dec and b_dec
 * (and a transcoder's W_skip) are the loss's by finite differences, log θ gets none, and the active set, the loss and
 * each latent's split are what a plain double computation from the parameters gives.
 */
class JumpReluBudgetGradientTest {
    private static final float EPS = 2e-3f;
    /** Kept between every pre-activation and the selection's edges: a step of EPS moves z by at most about 0.01. */
    private static final double MARGIN = 0.02;

    /** The fixture's JumpReLU (or a transcoder to d_out 4 with a skip), each latent's θ a different value. */
    private static SparseAutoencoder model(boolean transcoder) {
        SparseAutoencoder m = transcoder ? TranscoderGradientTest.transcoder(Architecture.JUMPRELU, 4, true)
                : SaeFixtures.model(Architecture.JUMPRELU);
        float[] log = logThreshold(m).value();
        for (int i = 0; i < WIDTH; i++) {
            log[i] = (float) Math.log(0.05 + 0.06 * i);
        }
        return m;
    }

    static Parameter logThreshold(SparseAutoencoder m) {
        return m.parameters().stream().filter(p -> p.name().equals("log_threshold")).findFirst().orElseThrow();
    }

    /** z = b_enc + W_enc·(x − b_dec) for an SAE, b_enc + W_enc·x for a transcoder, in double. */
    private static double[][] preActivations(SparseAutoencoder m, float[] rows, boolean transcoder) {
        int rowSize = m.rowSize();
        float[] we = m.encoderWeight().value();
        float[] be = m.encoderBias().value();
        float[] bd = m.decoderBias().value();
        double[][] z = new double[BATCH][WIDTH];
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < WIDTH; i++) {
                double s = be[i];
                for (int j = 0; j < D; j++) {
                    s += (rows[r * rowSize + j] - (transcoder ? 0.0 : bd[j])) * we[i * D + j];
                }
                z[r][i] = s;
            }
        }
        return z;
    }

    /** The active set the step should train: each row's top k when the budget selects, else z > θ_i; z > 0 always. */
    private static boolean[][] active(double[][] z, float[] theta, int k, boolean budgetSelects) {
        boolean[][] on = new boolean[BATCH][WIDTH];
        for (int r = 0; r < BATCH; r++) {
            double[] sorted = z[r].clone();
            Arrays.sort(sorted);
            double kth = sorted[WIDTH - k];
            for (int i = 0; i < WIDTH; i++) {
                on[r][i] = z[r][i] > 0 && (budgetSelects ? z[r][i] >= kth : z[r][i] > theta[i]);
            }
        }
        return on;
    }

    /**
     * The smallest distance of any z to an edge of the selection the step makes: the gap between a row's k-th and
     * (k+1)-th and the kept ones' distance to zero (ReLU) under the top-k; the distance to θ_i (above 0) after.
     */
    private static double margin(double[][] z, float[] theta, int k, boolean budgetSelects) {
        double m = Double.POSITIVE_INFINITY;
        for (int r = 0; r < BATCH; r++) {
            double[] sorted = z[r].clone();
            Arrays.sort(sorted);
            for (int i = 0; i < WIDTH; i++) {
                if (!budgetSelects) {
                    m = Math.min(m, Math.abs(z[r][i] - theta[i]));
                } else if (z[r][i] >= sorted[WIDTH - k]) {
                    m = Math.min(m, Math.abs(z[r][i]));
                }
            }
            if (budgetSelects) {
                m = Math.min(m, sorted[WIDTH - k] - sorted[WIDTH - k - 1]);
            }
        }
        return m;
    }

    /** Gaussian rows of the first seed whose pre-activations keep {@link #MARGIN} from the selection's edges. */
    private static float[] rowsAwayFromEdges(SparseAutoencoder m, boolean transcoder, int k, boolean budgetSelects) {
        float[] theta = ((JumpReluSae) m).threshold();
        for (long seed = 3; seed < 10_000; seed++) {
            float[] rows = SaeFixtures.gaussian(seed, BATCH * m.rowSize());
            double[][] z = preActivations(m, rows, transcoder);
            int on = 0;
            for (boolean[] row : active(z, theta, k, budgetSelects)) {
                for (boolean b : row) {
                    on += b ? 1 : 0;
                }
            }
            if (margin(z, theta, k, budgetSelects) > MARGIN && on >= BATCH) {
                return rows;
            }
        }
        throw new AssertionError("no rows keep " + MARGIN + " from the selection's edges");
    }

    @ParameterizedTest(name = "transcoder {0}, budget {1}, top-k selects {2}")
    @CsvSource({"false, 3, true", "false, 3, false", "false, 2.5, true", "false, 2.5, false", "true, 3, true",
        "true, 3, false"})
    void theStepsGradientsAreTheLossesAndTheThresholdGetsNone(boolean transcoder, double budget, boolean budgetSelects) {
        SparseAutoencoder m = model(transcoder);
        int k = (int) Math.ceil(budget);
        float[] rows = rowsAwayFromEdges(m, transcoder, k, budgetSelects);
        StepContext ctx = new StepContext(null, 1.0, 0, budget, budgetSelects);
        Arrays.fill(logThreshold(m).grad(), 7f); // a stale gradient the step must not leave
        BatchResult result = m.forwardBackward(rows, BATCH, ctx);
        assertArrayEquals(new float[WIDTH], logThreshold(m).grad(), "log θ's gradient in a budgeted step");
        assertEquals(0.0, result.penalty(), "no L0 term");
        assertEquals(0.0, result.aux(), "no auxiliary term");

        Map<String, float[]> analytic = new HashMap<>();
        for (Parameter p : m.parameters()) {
            analytic.put(p.name(), p.grad().clone());
        }
        int checked = 0;
        for (Parameter p : m.parameters()) {
            if (p.name().equals("log_threshold")) {
                continue; // moved by afterStep, not by a gradient: checked above to get none
            }
            checked += GradientCheck.check("budget " + budget + " selects " + budgetSelects + " " + p.name(), p.value(),
                    analytic.get(p.name()), EPS, GradientCheck.ABS_TOL, GradientCheck.REL_TOL,
                    () -> m.forwardBackward(rows, BATCH, ctx).total(), i -> true);
        }
        int all = m.parameters().stream().mapToInt(Parameter::size).sum();
        assertEquals(all - WIDTH, checked, "every value but log θ's checked");
    }

    /**
     * The plain SAE's step against a double computation: the latents it keeps are the rule's (top-k or θ_i), with
     * their pre-activations as values; the loss is the mean squared error of b_dec + Σ f_i·W_dec[i]; and the splits
     * are the budget's on z ({@link BudgetSplitsCheck}).
     */
    @ParameterizedTest(name = "budget {0}, top-k selects {1}")
    @CsvSource({"3, true", "3, false", "2.5, true", "2.5, false", "1.2, true"})
    void theActiveSetLossAndSplitsAreTheRulesComputedAnew(double budget, boolean budgetSelects) {
        SparseAutoencoder m = model(false);
        int k = (int) Math.ceil(budget);
        float[] x = rowsAwayFromEdges(m, false, k, budgetSelects);
        float[] theta = ((JumpReluSae) m).threshold();
        double[][] z = preActivations(m, x, false);
        boolean[][] on = active(z, theta, k, budgetSelects);
        BatchResult result = m.forwardBackward(x, BATCH, new StepContext(null, 1.0, 0, budget, budgetSelects));

        float[] wd = m.decoderWeight().value();
        float[] bd = m.decoderBias().value();
        double sq = 0;
        float[] code = result.sparse().toDense();
        for (int r = 0; r < BATCH; r++) {
            for (int i = 0; i < WIDTH; i++) {
                assertEquals(on[r][i] ? z[r][i] : 0.0, code[r * WIDTH + i], 1e-5, "latent " + i + " of row " + r);
            }
            for (int j = 0; j < D; j++) {
                double out = bd[j];
                for (int i = 0; i < WIDTH; i++) {
                    out += on[r][i] ? z[r][i] * wd[i * D + j] : 0;
                }
                sq += (out - x[r * D + j]) * (out - x[r * D + j]);
            }
        }
        assertEquals(sq / (BATCH * D), result.reconstruction(), 1e-5 * sq / (BATCH * D), "mean squared error");

        BudgetSplitsCheck.assertSplits(z, result.splits(), budget);
    }

    /** The budget's top-k and θ pick different latents on the fixture, so the two phases are two different steps. */
    @ParameterizedTest(name = "budget {0}")
    @CsvSource({"3", "2.5"})
    void theTwoPhasesTrainDifferentLatents(double budget) {
        SparseAutoencoder m = model(false);
        float[] x = SaeFixtures.inputs(3);
        SparseCode topK = m.forwardBackward(x, BATCH, new StepContext(null, 1.0, 0, budget, true)).sparse();
        SparseCode above = m.forwardBackward(x, BATCH, new StepContext(null, 1.0, 0, budget, false)).sparse();
        assertTrue(!Arrays.equals(topK.toDense(), above.toDense()), "the same latents in both phases");
        for (int r = 0; r < BATCH; r++) {
            assertTrue(topK.rowStart()[r + 1] - topK.rowStart()[r] <= Math.ceil(budget), "row " + r + " over the top-k");
        }
    }
}
