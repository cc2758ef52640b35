package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Finite#all} against {@link Float#isFinite} value by value: one bad value anywhere, any split, any tail. */
class FiniteTest {
    @AfterEach
    void resetThreads() {
        ParallelRows.threadsForTests = 0;
    }

    @Test
    void findsOneNonFiniteValueWhereverItIs() {
        float[] fine = {0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 1e-40f, 1f};
        for (int n : new int[] {0, 1, 15, 17, 1000, 300_001}) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = fine[i % fine.length];
            }
            for (int threads : new int[] {1, 2, 7}) {
                ParallelRows.threadsForTests = threads;
                assertEquals(true, Finite.all(a), n + " finite values");
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    for (int at : new int[] {0, n / 2, n - 1, (1 << 16) + 3}) {
                        if (at < 0 || at >= n) {
                            continue;
                        }
                        float keep = a[at];
                        a[at] = bad;
                        assertEquals(false, Finite.all(a), bad + " at " + at + " of " + n + ", " + threads + " threads");
                        a[at] = keep;
                    }
                }
            }
        }
    }
}
