package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.ParallelRows;

/**
 * Adam's parallel update against a plain loop (same bits), for any thread split, and the periodic flush of
 * tiny moments: at fixed steps (a function of the step count only), never leaving a denormal behind.
 */
class AdamContractTest {
    @AfterEach
    void resetThreads() {
        ParallelRows.splitForTests(0);
    }

    /** The update written out once more, element by element, with the flush every FLUSH_EVERY steps. */
    private static void reference(float[] w, float[] g, float[] m, float[] v, long t, double lr, double beta1,
                                  double beta2, double eps) {
        float stepSize = (float) (lr / (1 - StrictMath.pow(beta1, t)));
        float sqrtC2 = (float) Math.sqrt(1 - StrictMath.pow(beta2, t));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) / sqrtC2 + (float) eps);
            if (t % Adam.FLUSH_EVERY == 0) {
                m[i] = Math.abs(m[i]) < Adam.TINY ? 0f : m[i];
                v[i] = v[i] < Adam.TINY ? 0f : v[i];
            }
        }
    }

    /** 70 steps (one flush) of a parameter large enough for the parallel path; returns weights then moments. */
    private static float[] run(int threads) {
        ParallelRows.splitForTests(threads);
        int n = 3 * (1 << 14) + 123;
        Parameter p = new Parameter("w", new int[] {n}, true);
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            p.value()[i] = r.nextFloat() - 0.5f;
        }
        Adam adam = new Adam(1e-2);
        for (int s = 0; s < 70; s++) {
            for (int i = 0; i < n; i++) {
                // Some gradients vanish after the first steps, so the flush has tiny moments to clear.
                p.grad()[i] = (i % 5 == 0 && s > 2) ? 0f : (float) r.nextGaussian() * (i % 7 == 0 ? 1e-16f : 1f);
            }
            adam.step(List.of(p));
        }
        float[][] mv = adam.state(p);
        float[] all = new float[3 * n];
        System.arraycopy(p.value(), 0, all, 0, n);
        System.arraycopy(mv[0], 0, all, n, n);
        System.arraycopy(mv[1], 0, all, 2 * n, n);
        return all;
    }

    @Test
    void sameBitsForAnyThreadSplit() {
        float[] one = run(1);
        for (int t : new int[] {2, 3, 8}) {
            assertArrayEquals(one, run(t), "split for " + t + " threads");
        }
    }

    @Test
    void matchesThePlainLoop() {
        ParallelRows.splitForTests(2);
        int n = 40_000;
        Random r = new Random(9);
        Parameter p = new Parameter("w", new int[] {n}, true);
        float[] w = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = p.value()[i] = r.nextFloat();
        }
        Adam adam = new Adam(3e-3, 0.8, 0.95, 1e-7);
        for (int t = 1; t <= 130; t++) {
            for (int i = 0; i < n; i++) {
                p.grad()[i] = t > 10 && i % 3 == 0 ? 0f : (float) r.nextGaussian();
            }
            adam.step(List.of(p));
            reference(w, p.grad(), m, v, t, 3e-3, 0.8, 0.95, 1e-7);
        }
        assertArrayEquals(w, p.value());
        assertArrayEquals(m, adam.state(p)[0]);
        assertArrayEquals(v, adam.state(p)[1]);
    }

    @Test
    void flushClearsTinyMomentsAtFixedStepsAndNoDenormalSurvives() {
        // β2 = 0.9 so both moments decay by 0.9 a step after one gradient of 1: below TINY (1e-30) after ~650.
        Parameter p = new Parameter("w", new int[] {2}, true);
        Adam adam = new Adam(1e-3, 0.9, 0.9, 1e-8);
        long flushedAt = -1;
        for (int t = 1; t <= 3 * Adam.FLUSH_EVERY + 700; t++) {
            p.grad()[0] = t == 1 ? 1f : 0f;
            p.grad()[1] = 0.5f;                        // a live latent: never flushed
            adam.step(List.of(p));
            float[][] mv = adam.state(p);
            for (float x : new float[] {mv[0][0], mv[1][0]}) {
                assertTrue(x == 0f || Math.abs(x) >= Float.MIN_NORMAL, "denormal moment " + x + " at step " + t);
            }
            if (flushedAt < 0 && mv[0][0] == 0f) {
                flushedAt = t;
                assertEquals(0f, mv[1][0], "both moments flush together here");
            }
            assertTrue(mv[0][1] > 0f && mv[1][1] > 0f);
        }
        assertEquals(0, flushedAt % Adam.FLUSH_EVERY, "flushed at step " + flushedAt);
        // 0.1 · 0.9^(t−1) < 1e-30 first at t = 636; the next flush step is 640.
        assertEquals(640, flushedAt);
    }
}
