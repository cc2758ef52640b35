package org.sae4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sae4j.tensor.Rng;

class EventSamplerTest {

    @Test
    void eachEventHappensWithItsOwnProbability() {
        // Spans several bands, a certain event, and an impossible one.
        double[] p = {0.3, 1.0, 0.0, 0.001, 0.02, 0.29, 0.15, 0.5, 0.07, 0.0049, 0.25, 0.9};
        EventSampler sampler = new EventSampler(p);
        Rng rng = new Rng(17);
        int[] out = new int[p.length];
        long[] counts = new long[p.length];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            int k = sampler.sample(rng, out);
            boolean[] seen = new boolean[p.length];
            for (int e = 0; e < k; e++) {
                assertEquals(false, seen[out[e]], "event drawn twice");
                seen[out[e]] = true;
                counts[out[e]]++;
            }
        }
        for (int e = 0; e < p.length; e++) {
            double sd = Math.sqrt(p[e] * (1 - p[e]) / n);
            assertEquals(p[e], (double) counts[e] / n, 5 * sd + 1e-12, "event " + e);
        }
    }

    @Test
    void eventsAreIndependent() {
        double[] p = {0.4, 0.4, 0.05};
        EventSampler sampler = new EventSampler(p);
        Rng rng = new Rng(3);
        int[] out = new int[3];
        int n = 200_000;
        long both = 0;
        for (int i = 0; i < n; i++) {
            int k = sampler.sample(rng, out);
            int mask = 0;
            for (int e = 0; e < k; e++) {
                mask |= 1 << out[e];
            }
            both += (mask & 3) == 3 ? 1 : 0;
        }
        assertEquals(0.16, (double) both / n, 0.005);
    }
}
