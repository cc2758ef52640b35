package org.sae4j.bench;

import org.sae4j.model.StepContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Autoencoder;
import org.sae4j.optim.Adam;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Rng;

/**
 * JMH benchmarks: one full training step (forward, backward, Adam) of the deep autoencoder on a batch of
 * real Fashion-MNIST images, and the three matrix products of its widest layer. Run with
 * {@code mvn -q test-compile exec:exec} (see BENCHMARKS.md); {@link BenchmarkMain} converts the scores
 * to samples/s and GFLOP/s and reports peak heap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TrainingBenchmark {
    @Param({"256"})
    public int batch;

    private Autoencoder model;
    private Optimizer adam;
    private float[] x;
    private float[] a;
    private float[] w;
    private float[] y;
    private float[] dw;
    private final Kernels kernels = Kernels.defaults();

    @Setup(Level.Trial)
    public void setUp() {
        Dataset raw = DataSources.resolve("embedded").limit(batch);
        x = Normalizer.fit(Normalizer.Kind.MIN_MAX, raw).apply(raw).values();
        model = Autoencoder.builder(784).encoder(128, 64, 32).build();
        adam = new Adam();
        Rng rng = new Rng(1);
        a = x.clone();
        w = new float[784 * 128];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.uniform(-0.1f, 0.1f);
        }
        y = new float[batch * 128];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.uniform(-1f, 1f); // dense, like a gradient: zero entries would be skipped
        }
        dw = new float[784 * 128];
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void reportPeakHeap() {
        System.out.printf("%npeak heap: %d MiB%n", org.sae4j.eval.PeakHeap.bytes() >> 20);
    }

    /** One optimizer step of the 784-128-64-32-64-128-784 autoencoder; score × batch = samples/s. */
    @Benchmark
    public double trainStep() {
        double loss = model.forwardBackward(x, batch, StepContext.PLAIN).total();
        adam.step(model.parameters());
        return loss;
    }

    /** Forward product of the first layer: [batch×784]·[784×128]. */
    @Benchmark
    public float[] matmul() {
        kernels.matmul(a, w, y, batch, 784, 128, false);
        return y;
    }

    /** Input gradient of the first layer's shape: [batch×128]·[784×128]ᵀ. */
    @Benchmark
    public float[] matmulTransB() {
        float[] out = new float[batch * 784];
        kernels.matmulTransB(y, w, out, batch, 128, 784, false);
        return out;
    }

    /** Weight gradient of the first layer: [batch×784]ᵀ·[batch×128]. */
    @Benchmark
    public float[] matmulTransA() {
        kernels.matmulTransA(a, y, dw, batch, 784, 128, false);
        return dw;
    }
}
