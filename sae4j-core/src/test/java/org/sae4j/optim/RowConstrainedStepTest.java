package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sae4j.nn.Parameter;
import org.sae4j.nn.RowConstraint;
import org.sae4j.nn.RowConstraints;
import org.sae4j.tensor.ParallelRows;

/**
 * A constrained parameter's rows, taken through projection, update and restore a few at a time inside the
 * optimizer, end with the bits of three whole passes (project every row, step, restore every row), for any thread
 * split and row count; parameters without a constraint are stepped as before.
 */
class RowConstrainedStepTest {
    @AfterEach
    void resetThreads() {
        ParallelRows.splitForTests(0);
    }

    /** Rows of zero mean: the gradient's row mean removed before the step, the row's after it. */
    private record ZeroMeanRows(int rowLength) implements RowConstraint {
        @Override
        public void project(float[] value, float[] grad, int from, int to) {
            subtractMeans(grad, from, to);
        }

        @Override
        public void restore(float[] value, int from, int to) {
            subtractMeans(value, from, to);
        }

        private void subtractMeans(float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                double sum = 0;
                for (int j = 0; j < rowLength; j++) {
                    sum += a[i * rowLength + j];
                }
                float mean = (float) (sum / rowLength);
                for (int j = 0; j < rowLength; j++) {
                    a[i * rowLength + j] -= mean;
                }
            }
        }
    }

    private static Parameter random(String name, Random r, int rows, int d) {
        Parameter p = new Parameter(name, new int[] {rows, d}, true);
        for (int i = 0; i < p.size(); i++) {
            p.value()[i] = (float) r.nextGaussian();
        }
        return p;
    }

    private static void gradients(Random r, List<Parameter> ps) {
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                p.grad()[i] = (float) r.nextGaussian() * (i % 7 == 0 ? 0f : 1f); // some exact zeros, as sparse steps give
            }
        }
    }

    private static void check(Supplier<Optimizer> optimizer, int rows, int d) {
        Random init = new Random(rows * 31L + d);
        Parameter w = random("w", init, rows, d);
        Parameter b = random("b", init, 1, d);
        ZeroMeanRows rule = new ZeroMeanRows(d);
        for (int threads : new int[] {1, 2, 3, 8}) {
            ParallelRows.splitForTests(threads);
            Parameter w1 = new Parameter("w", w.shape(), w.value().clone(), new float[w.size()], true);
            Parameter b1 = new Parameter("b", b.shape(), b.value().clone(), new float[b.size()], false);
            Parameter w2 = new Parameter("w", w.shape(), w.value().clone(), new float[w.size()], true);
            Parameter b2 = new Parameter("b", b.shape(), b.value().clone(), new float[b.size()], false);
            Optimizer fused = optimizer.get();
            Optimizer plain = optimizer.get();
            RowConstraints constraints = RowConstraints.of(w1, rule);
            Random g1 = new Random(5);
            Random g2 = new Random(5);
            for (int step = 0; step < 70; step++) { // past Adam's moment flush (every 64 steps)
                gradients(g1, List.of(w1, b1));
                fused.step(List.of(w1, b1), 0.5, constraints);
                gradients(g2, List.of(w2, b2));
                rule.project(w2.value(), w2.grad(), 0, rows);
                plain.step(List.of(w2, b2), 0.5);
                rule.restore(w2.value(), 0, rows);
            }
            String at = fused.describe() + ", " + rows + " x " + d + ", " + threads + " threads";
            assertArrayEquals(w2.value(), w1.value(), at);
            assertArrayEquals(w2.grad(), w1.grad(), at + ": the projected gradient");
            assertArrayEquals(b2.value(), b1.value(), at + ": the unconstrained bias");
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += w1.value()[(rows - 1) * d + j];
            }
            assertEquals(0, sum / d, 1e-6, at + ": the last row's mean");
        }
    }

    @Test
    void adamStepsConstrainedRowsAsThreeWholePassesWould() {
        for (int[] shape : new int[][] {{1, 5}, {3, 17}, {4, 8}, {9, 33}, {203, 784}, {1001, 100}}) {
            check(() -> new Adam(0.01), shape[0], shape[1]);
        }
    }

    @Test
    void sgdStepsConstrainedRowsAsThreeWholePassesWould() {
        for (int[] shape : new int[][] {{1, 5}, {9, 33}, {203, 784}}) {
            check(() -> new Sgd(0.01, 0, false), shape[0], shape[1]);
            check(() -> new Sgd(0.01, 0.9, false), shape[0], shape[1]);
            check(() -> new Sgd(0.01, 0.9, true), shape[0], shape[1]);
        }
    }
}
