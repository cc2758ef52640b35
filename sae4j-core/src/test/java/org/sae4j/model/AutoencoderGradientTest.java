package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.nn.Activation;
import org.sae4j.nn.Dense;
import org.sae4j.nn.GradientCheck;
import org.sae4j.nn.Parameter;

/** Whole-network finite-difference checks: forwardBackward's gradients against evaluate()'s objective. */
class AutoencoderGradientTest {
    private static final int INPUT = 6;
    private static final int BATCH = 4;
    private static final float EPS = 1e-2f;

    private static float[] inputs(long seed) {
        Random r = new Random(seed);
        float[] x = new float[BATCH * INPUT];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.05f + 0.9f * r.nextFloat(); // in (0, 1): valid BCE targets too
        }
        return x;
    }

    /** Checks every parameter of every layer; returns how many values were compared. */
    private static int checkAll(Autoencoder ae, float[] x, boolean l1OnWeights) {
        BatchResult fb = ae.forwardBackward(x, BATCH, StepContext.PLAIN);
        BatchResult ev = ae.evaluate(x, BATCH);
        assertEquals(ev.total(), fb.total(), 1e-9, "forwardBackward and evaluate agree on the objective");
        assertTrue(fb.penalty() > 0, "penalties are on");
        List<float[]> grads = new ArrayList<>();
        for (Parameter p : ae.parameters()) {
            grads.add(p.grad().clone());
        }
        int checked = 0;
        double largest = 0;
        List<Parameter> ps = ae.parameters();
        for (int k = 0; k < ps.size(); k++) {
            Parameter p = ps.get(k);
            float[] w = p.value();
            // L1 on weights has a kink at 0: skip the (rare) kernel values a probe could push across it.
            GradientCheck.IndexFilter filter = i -> !(l1OnWeights && p.isKernel() && Math.abs(w[i]) < 2 * EPS);
            checked += GradientCheck.check(p.name(), w, grads.get(k), EPS, 1e-4, 2e-2,
                    () -> ae.evaluate(x, BATCH).total(), filter);
            for (float g : grads.get(k)) {
                largest = Math.max(largest, Math.abs(g));
            }
        }
        assertTrue(largest > 1e-2, "gradients too small for the check to mean anything: " + largest);
        return checked;
    }

    @Test
    void sigmoidCodeWithKlL1ActivityAndWeightPenaltiesUnderMse() {
        Autoencoder ae = Autoencoder.builder(INPUT).encoder(5, 3).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).outputActivation(Activation.LINEAR).loss(ReconstructionLoss.MSE)
                .klSparsity(0.1, 0.5).l1Activity(0.05).l1Weights(1e-3).l2Weights(2e-3).seed(3).build();
        int checked = checkAll(ae, inputs(1), true);
        int total = ae.parameters().stream().mapToInt(Parameter::size).sum();
        assertTrue(checked > total * 0.8, checked + " of " + total + " checked");
    }

    @Test
    void tanhCodeWithBceAndSigmoidOutput() {
        Autoencoder ae = Autoencoder.builder(INPUT).encoder(5, 3).activation(Activation.TANH)
                .outputActivation(Activation.SIGMOID).loss(ReconstructionLoss.BINARY_CROSS_ENTROPY)
                .l2Weights(1e-2).seed(4).build();
        checkAll(ae, inputs(2), false);
    }

    @Test
    void sigmoidEverywhereWithHalfSseAndKl() {
        Autoencoder ae = Autoencoder.builder(INPUT).encoder(4).activation(Activation.SIGMOID)
                .outputActivation(Activation.SIGMOID).loss(ReconstructionLoss.HALF_SSE)
                .klSparsity(0.05, 3).l2Weights(1e-4).seed(5).build();
        checkAll(ae, inputs(3), false);
    }

    @Test
    void forwardBackwardZeroesGradsFirst() {
        Autoencoder ae = Autoencoder.builder(INPUT).encoder(5, 3).activation(Activation.TANH)
                .outputActivation(Activation.LINEAR).l2Weights(1e-2).seed(6).build();
        float[] x = inputs(4);
        ae.forwardBackward(x, BATCH, StepContext.PLAIN);
        List<float[]> first = new ArrayList<>();
        ae.parameters().forEach(p -> first.add(p.grad().clone()));
        ae.parameters().forEach(p -> java.util.Arrays.fill(p.grad(), 123f));
        ae.forwardBackward(x, BATCH, StepContext.PLAIN);
        for (int k = 0; k < first.size(); k++) {
            assertArrayEquals(first.get(k), ae.parameters().get(k).grad(), ae.parameters().get(k).name());
        }
    }

    @Test
    void evaluateLeavesGradsAlone() {
        Autoencoder ae = Autoencoder.builder(INPUT).encoder(5, 3).activation(Activation.SIGMOID)
                .klSparsity(0.05, 3).seed(7).build();
        ae.parameters().forEach(p -> java.util.Arrays.fill(p.grad(), 7f));
        BatchResult r = ae.evaluate(inputs(5), BATCH);
        for (Parameter p : ae.parameters()) {
            for (float g : p.grad()) {
                assertEquals(7f, g, p.name());
            }
        }
        assertEquals(BATCH * 3, r.dense().length);
        assertTrue(r.reconstruction() > 0 && r.penalty() > 0);
    }

    @Test
    void penaltySplitsOutOfTheTotal() {
        float[] x = inputs(6);
        Autoencoder plain = Autoencoder.builder(INPUT).encoder(5, 3).activation(Activation.SIGMOID).seed(8).build();
        Autoencoder penalised = Autoencoder.builder(INPUT).encoder(5, 3).activation(Activation.SIGMOID)
                .l2Weights(1e-2).seed(8).build();
        BatchResult a = plain.evaluate(x, BATCH);
        BatchResult b = penalised.evaluate(x, BATCH);
        assertEquals(0.0, a.penalty());
        assertEquals(a.reconstruction(), b.reconstruction(), 0.0, "same seed, same weights, same reconstruction");
        double sumSq = 0;
        for (Dense d : penalised.layers()) {
            for (float w : d.weight().value()) {
                sumSq += (double) w * w;
            }
        }
        assertEquals(1e-2 * sumSq, b.penalty(), 1e-9);
    }
}
