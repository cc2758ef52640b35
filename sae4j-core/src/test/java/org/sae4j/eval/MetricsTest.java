package org.sae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.model.Autoencoder;
import org.sae4j.nn.Activation;
import org.sae4j.nn.Dense;

/** Metrics of a hand-set linear 2-1-2 model, computed by hand. */
class MetricsTest {

    @Test
    void metricsMatchHandComputation() {
        // encoder: code = relu(x0 - x1); decoder: out = (code, 0), all linear output
        Autoencoder m = Autoencoder.builder(2).encoder(1).activation(Activation.RELU)
                .outputActivation(Activation.LINEAR).build();
        Dense enc = m.layers().get(0);
        Dense dec = m.layers().get(1);
        System.arraycopy(new float[] {1, -1}, 0, enc.weight().value(), 0, 2);
        enc.bias().value()[0] = 0;
        System.arraycopy(new float[] {1, 0}, 0, dec.weight().value(), 0, 2);
        java.util.Arrays.fill(dec.bias().value(), 0);
        // rows: (3,1) -> code 2 -> (2,0); (1,1) -> code 0 -> (0,0); (0,2) -> 0 -> (0,0); (4,0) -> 4 -> (4,0)
        Dataset d = new Dataset("t", new float[] {3, 1, 1, 1, 0, 2, 4, 0}, 4, 2);
        EvalReport r = Metrics.evaluate(m, d, null);
        // squared errors: (1+1) + (1+1) + (0+4) + (0+0) = 8 over 8 values
        assertEquals(1.0, r.mse(), 1e-9);
        // column means 2 and 1: Σ(x-mean)² = (1+1+4+4) + (0+0+1+1) = 12
        assertEquals(8.0 / 12.0, r.fvu(), 1e-9);
        assertEquals(0.5, r.l0(), 1e-9);
        assertEquals(0.0, r.deadFraction());
        assertArrayEquals(new float[] {1.5f}, r.meanActivation());
        assertEquals(0.0, r.threshold());
        assertEquals(1 - 8.0 / 12.0, r.explainedVariance(), 1e-9);
        // x.x_hat, ||x||^2, ||x_hat||^2: (6, 10, 4), (0, 2, 0), (0, 4, 0), (16, 16, 16); a zero x_hat has cosine 0
        assertEquals((6 / Math.sqrt(40) + 0 + 0 + 1) / 4, r.cosineSimilarity(), 1e-9);
        assertEquals((Math.sqrt(0.4) + 0 + 0 + 1) / 4, r.l2Ratio(), 1e-9);
        assertEquals(20.0 / 22.0, r.relativeReconstructionBias(), 1e-9);
        assertEquals("origin", r.shrinkageCentre(), "a classic model has no b_dec");
        assertEquals(r.l2Ratio(), r.shrinkage(), 1e-12);
        assertArrayEquals(new double[] {0.5}, r.density(), 1e-12);
        assertEquals(1, r.histogram().alive());
        assertEquals(0, r.histogram().dead());

        EvalReport strict = Metrics.evaluate(m, d, 5.0);
        assertEquals(0.0, strict.l0());
        assertEquals(1.0, strict.deadFraction());
    }

    /** A sigmoid code never reaches 0: it counts as active above 0.1, unless a threshold is given. */
    @Test
    void sigmoidCodeRespectsTheActiveThreshold() {
        Autoencoder m = Autoencoder.builder(2).encoder(1).activation(Activation.SIGMOID)
                .outputActivation(Activation.LINEAR).build();
        Dense enc = m.layers().get(0);
        Dense dec = m.layers().get(1);
        System.arraycopy(new float[] {1, -1}, 0, enc.weight().value(), 0, 2);
        enc.bias().value()[0] = -3;
        System.arraycopy(new float[] {1, 0}, 0, dec.weight().value(), 0, 2);
        java.util.Arrays.fill(dec.bias().value(), 0);
        // codes sigmoid(-1) = 0.27, sigmoid(-3) = 0.047, sigmoid(-5) = 0.0067, sigmoid(1) = 0.73
        Dataset d = new Dataset("t", new float[] {3, 1, 1, 1, 0, 2, 4, 0}, 4, 2);
        EvalReport r = Metrics.evaluate(m, d, null);
        assertEquals(0.1, r.threshold());
        assertEquals(0.5, r.l0(), 1e-12);
        assertArrayEquals(new double[] {0.5}, r.density(), 1e-12);
        double mean = (sigmoid(-1) + sigmoid(-3) + sigmoid(-5) + sigmoid(1)) / 4;
        assertEquals(mean, r.overallMeanActivation(), 1e-6);
        assertEquals(1.0, Metrics.evaluate(m, d, 0.0).l0(), 1e-12, "every sigmoid value is above 0");
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void defaultThresholdDependsOnActivation() {
        assertEquals(0.0, ActiveUnits.defaultThreshold(Activation.RELU));
        assertEquals(0.1, ActiveUnits.defaultThreshold(Activation.SIGMOID));
        assertEquals(2, ActiveUnits.count(new float[] {0f, 0.2f, -0.3f, 0.05f}, 0, 4, 0.1));
    }
}
