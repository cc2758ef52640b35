package org.sae4j.model.sae;

import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.JavaKernels;
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
        SaeBuilder b = SaeBuilder.of(a, D).width(WIDTH).seed(7).auxK(3);
        switch (a) {
            case TOPK, BATCHTOPK -> b.k(3);
            case MATRYOSHKA -> b.k(3).groups(3, 4, 5);
            case JUMPRELU -> b.coefficient(0.05).bandwidth(0.05).initialThreshold(0.1);
            case STANDARD, GATED -> b.coefficient(0.05);
            default -> { }
        }
        SparseAutoencoder m = SparseAutoencoder.create(b.config(), JavaKernels.INSTANCE);
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
        Rng rng = new Rng(seed);
        float[] x = new float[BATCH * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.gaussian();
        }
        return x;
    }

    /** Reconstruction loss, penalty, then every parameter's gradient, after one forward-backward pass. */
    static float[] lossAndGradients(SparseAutoencoder m, float[] x, int batch) {
        BatchResult r = m.forwardBackward(x, batch, new StepContext(null, 1.0));
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
}
