package org.sae4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;

/** The paired generator is seeded, its inputs are the spec's own samples, and its targets are Σ c_i d_i + L x. */
class SyntheticPairsTest {
    private static final SyntheticSpec SPEC = SyntheticSpec.parse("synthetic:features=10,dim=5,active=2,samples=50,seed=8");

    @Test
    void targetsAreTheKnownSparseFunctionPlusTheLinearPart() {
        SyntheticPairs pairs = new SyntheticPairs(SPEC, 3, 0, 0.7);
        SyntheticPairs.Sample s = pairs.sample();
        assertArrayEquals(SPEC.dataset().values(), s.inputs().values(), "without noise the inputs are the spec's samples");
        float[] x = new float[50 * 5];
        float[] c = new float[50 * 10];
        SPEC.stream().next(x, c, 50);
        float[] d = pairs.outputDirections();
        float[] l = pairs.linearMap();
        for (int r = 0; r < 50; r++) {
            for (int o = 0; o < 3; o++) {
                double y = 0;
                for (int i = 0; i < 10; i++) {
                    y += (double) c[r * 10 + i] * d[i * 3 + o];
                }
                for (int j = 0; j < 5; j++) {
                    y += (double) l[o * 5 + j] * x[r * 5 + j];
                }
                assertEquals(y, s.targets().values()[r * 3 + o], 1e-5, "row " + r + ", output " + o);
            }
        }
        for (int i = 0; i < 10; i++) {
            double norm = 0;
            for (int o = 0; o < 3; o++) {
                norm += (double) d[i * 3 + o] * d[i * 3 + o];
            }
            assertEquals(1, norm, 1e-6, "output direction " + i + " has unit norm");
        }
    }

    @Test
    void theSameSpecGivesTheSamePairsAndNoiseMovesOnlyTheInputsDensePart() {
        SyntheticPairs.Sample a = new SyntheticPairs(SPEC, 4, 0.2, 0).sample();
        SyntheticPairs.Sample b = new SyntheticPairs(SPEC, 4, 0.2, 0).sample();
        assertArrayEquals(a.inputs().values(), b.inputs().values());
        assertArrayEquals(a.targets().values(), b.targets().values());
        // Without a linear part the targets do not see the noise.
        assertArrayEquals(new SyntheticPairs(SPEC, 4, 0, 0).sample().targets().values(), a.targets().values());
        assertEquals(0f, new SyntheticPairs(SPEC, 4, 0, 0).linearMap()[0]);
    }

    @Test
    void badSettingsAreOneSentence() {
        assertThrows(InvalidInputException.class, () -> new SyntheticPairs(SPEC, 0, 0, 0));
        assertThrows(InvalidInputException.class, () -> new SyntheticPairs(SPEC, 3, -1, 0));
    }
}
