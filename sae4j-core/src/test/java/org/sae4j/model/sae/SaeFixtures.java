package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.function.Supplier;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.JavaKernels;
import org.sae4j.tensor.ParallelRows;
import org.sae4j.tensor.Rng;

/** Small SAEs and inputs shared by the SAE tests. */
final class SaeFixtures {
    static final int D = 6;
    static final int WIDTH = 12;
    static final int BATCH = 5;

    private SaeFixtures() {
    }

    /** A small model of every architecture, with generic (tie-free) weights and biases. */
    static SparseAutoencoder model(Architecture a) {
        return model(a, b -> b);
    }

    /** The same with {@code more} applied to the builder last, e.g. to set a coefficient the test is about. */
    static SparseAutoencoder model(Architecture a, java.util.function.UnaryOperator<SaeBuilder> more) {
        SaeBuilder b = SaeBuilder.of(a, D).width(WIDTH).seed(7).auxK(3);
        switch (a) {
            case TOPK, BATCHTOPK -> b.k(3);
            case MATRYOSHKA -> b.k(3).groups(3, 4, 5);
            case JUMPRELU -> b.coefficient(0.05).bandwidth(0.05).initialThreshold(0.1);
            case STANDARD, GATED -> b.coefficient(0.05);
            default -> { }
        }
        SparseAutoencoder m = SparseAutoencoder.create(more.apply(b).config(), JavaKernels.INSTANCE);
        Rng rng = new Rng(11);
        for (var p : m.parameters()) {
            if (p.name().equals("log_threshold")) {
                continue;
            }
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (0.3 * rng.gaussian());
            }
        }
        return m;
    }

    static float[] inputs(long seed) {
        return gaussian(seed, BATCH * D);
    }

    /** n standard normal values. */
    static float[] gaussian(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.gaussian();
        }
        return x;
    }

    static long nonZero(float[] a) {
        long n = 0;
        for (float v : a) {
            n += v != 0f ? 1 : 0;
        }
        return n;
    }

    /**
     * Reconstruction loss, penalty, then every parameter's gradient, after one forward-backward pass; on the
     * dense path when {@code dense}, else on the path the batch's density chooses.
     */
    static float[] lossAndGradients(SparseAutoencoder m, float[] x, int batch, boolean dense) {
        SparseAutoencoder.denseOnlyForTests = dense;
        BatchResult r;
        try {
            r = m.forwardBackward(x, batch, new StepContext(null, 1.0));
        } finally {
            SparseAutoencoder.denseOnlyForTests = false;
        }
        List<Parameter> ps = m.parameters();
        int size = 2 + ps.stream().mapToInt(Parameter::size).sum();
        float[] all = new float[size];
        all[0] = (float) r.reconstruction();
        all[1] = (float) r.penalty();
        int o = 2;
        for (Parameter p : ps) {
            System.arraycopy(p.grad(), 0, all, o, p.size());
            o += p.size();
        }
        return all;
    }

    /** Runs {@code f} with the work split as 1, 2, 3 and 8 threads would and checks every result has the same bits. */
    static void sameBitsForAnyThreadSplit(Supplier<float[]> f) {
        try {
            ParallelRows.splitForTests(1);
            float[] one = f.get();
            for (int t : new int[] {2, 3, 8}) {
                ParallelRows.splitForTests(t);
                assertArrayEquals(one, f.get(), "split for " + t + " threads");
            }
        } finally {
            ParallelRows.splitForTests(0);
        }
    }
}
