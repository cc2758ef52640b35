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

        EvalReport strict = Metrics.evaluate(m, d, 5.0);
        assertEquals(0.0, strict.l0());
        assertEquals(1.0, strict.deadFraction());
    }

    @Test
    void defaultThresholdDependsOnActivation() {
        assertEquals(0.0, ActiveUnits.defaultThreshold(Activation.RELU));
        assertEquals(0.1, ActiveUnits.defaultThreshold(Activation.SIGMOID));
        assertEquals(2, ActiveUnits.count(new float[] {0f, 0.2f, -0.3f, 0.05f}, 0, 4, 0.1));
    }
}
