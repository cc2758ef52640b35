package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.eval.PeakHeap;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.Model;
import org.sae4j.model.Preparation;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.PhaseTimer;
import org.sae4j.train.FitOptions;
import org.sae4j.train.TrainingStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j bench}: training throughput of a model on real data. Complements the JMH kernel benchmarks
 * with the number users care about, samples per second through a full Adam step.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training speed and peak heap.",
                "Samples/s, GFLOP/s and peak heap of full training steps (forward, backward,",
                "Adam) of the deep autoencoder on Fashion-MNIST images, or of an SAE (--arch)",
                "on real data or random inputs (--input-size).", ""},
        footer = {"", "Examples:",
                "  sae4j bench",
                "  sae4j bench --encoder 4096 --batch-size 512 --seconds 20",
                "  sae4j bench --arch topk --width 16384 --batch-size 1024 --input-size 784",
                "  sae4j bench --arch topk --width 16384 --input-size 784 --phases",
                "  sae4j bench --gemm 1024,784,4096"})
final class BenchCommand implements Callable<Integer> {
    /** Steps of the run the schedule is resolved for: its warm-ups (at most 1,000 steps) are short beside it. */
    private static final long PLANNED_STEPS = 1_000_000;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    SaeFlags sae = new SaeFlags();

    @Option(names = "--input-size", paramLabel = "D",
            description = "Random inputs of width D (uniform in [0, 1), 8 batches) instead of --data.")
    Integer inputSize;

    @Option(names = "--gemm", split = ",", paramLabel = "M,K,N", hideParamSyntax = true,
            description = "Time only the product [MxK]*[KxN] of random matrices (GFLOP/s).")
    int[] gemm;

    @Option(names = "--encoder", split = ",", defaultValue = "128,64,32", paramLabel = "UNITS,...", hideParamSyntax = true,
            description = "Encoder widths, mirrored for the decoder (default ${DEFAULT-VALUE}).")
    int[] encoder;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Samples per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3", description = "Seconds of warm-up for the JIT (default ${DEFAULT-VALUE}).")
    double warmup;

    // Hidden: one more flag re-wraps the usage synopsis past 80 columns; the footer's example shows it.
    @Option(names = "--phases", hidden = true, description = "Also print the wall time per phase of a step (SAEs).")
    boolean phases;

    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "10", description = "Seconds measured (default ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (batchSize <= 0) {
            throw new InvalidInputException("--batch-size is " + batchSize + "; expected a positive number of samples.");
        }
        if (!(seconds > 0 && seconds <= 86_400) || !(warmup >= 0 && warmup <= 86_400)) {
            throw new InvalidInputException(!(seconds > 0 && seconds <= 86_400)
                    ? "--seconds is " + seconds + "; expected a positive time of at most a day."
                    : "--warmup is " + warmup + "; expected 0 or more seconds, at most a day.");
        }
        if (gemm != null) {
            return gemm(w);
        }
        boolean givenData = spec.commandLine().getParseResult().hasMatchedOption("--data");
        if (inputSize != null && (inputSize <= 0 || givenData)) {
            throw new InvalidInputException(givenData ? "--input-size and --data both choose the inputs; give one."
                    : "--input-size is " + inputSize + "; expected a positive width.");
        }
        Dataset x = inputSize != null ? randomInputs(inputSize, batchSize) : normalized(data.load());
        Model model = sae.isSae() ? sae.builder(x.cols(), 1).build()
                : Autoencoder.builder(x.cols()).encoder(encoder).build();
        int batch = Math.min(batchSize, x.rows());
        double flopsPerSample = model.trainingFlopsPerSample();
        w.printf("bench: %s, batch %d, %s, backend %s%n", model.describe(), batch, x.name(), Kernels.defaults().name());
        w.flush();
        // The trainer's own step (AuxK's dead mask, the schedule, the controller) on a long planned run, so the warm-ups
        // are behind it as in most of a real run; jumprelu is calibrated on these rows as the trainer would.
        model.prepare(new Preparation(null, x, Double.NaN));
        TrainingStep steps = TrainingStep.of(model, FitOptions.builder().batchSize(batch).build(), PLANNED_STEPS, x.rows(),
                batch);
        long[] step = {0};
        OutOfMemory.doing("benchmarking training steps in batches of " + batch);
        run(steps, step, x, batch, warmup);
        double activeBefore = sae.isSae() ? activeShare(model, x, batch) : 0;
        PeakHeap.reset();
        PhaseTimer.enable(phases);
        long start = System.nanoTime();
        long samples = run(steps, step, x, batch, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> laps = PhaseTimer.totals();
        PhaseTimer.enable(false);
        for (Map.Entry<String, Long> e : laps.entrySet()) {
            w.printf("  %-32s %8.2f ms/step%n", e.getKey(), e.getValue() / 1e6 / (samples / (double) batch));
        }
        double rate = samples / elapsed;
        w.printf("train step        %,.0f samples/s%n", rate);
        w.printf("compute           %.2f GFLOP/s (%.2f MFLOP per sample: forward, backward, update)%n",
                rate * flopsPerSample / 1e9, flopsPerSample / 1e6);
        w.printf("peak heap         %d MiB%n", PeakHeap.bytes() >> 20);
        if (model instanceof org.sae4j.model.sae.SparseAutoencoder s) {
            // A step cannot be cheaper than its encoder product (issue 19), so its multiple of it is the step's overhead.
            double product = encoderProductSeconds(s, batch, Math.min(seconds, 2.0));
            double stepSeconds = batch / rate;
            w.printf("encoder product   %.4f ms ([%dx%d]*[%dx%d] alone, %.1f GFLOP/s); the step is %.2fx it%n",
                    product * 1e3, batch, s.inputSize(), s.inputSize(), s.latentSize(),
                    2.0 * batch * s.inputSize() * s.latentSize() / product / 1e9, stepSeconds / product);
        }
        if (sae.isSae()) {
            // The density decides the sparse steps' speed (standard, jumprelu), and training moves it.
            w.printf("latents active    %.2f%% of the first batch's after warm-up, %.2f%% at the end%n",
                    100 * activeBefore, 100 * activeShare(model, x, batch));
        }
        w.printf("measured          %,d samples in %.1f s%n", samples, elapsed);
        return 0;
    }

    /** The matrix-product bar of issue 6: plain [M×K]·[K×N], as numpy's a @ b. */
    private int gemm(PrintWriter w) {
        if (gemm.length != 3 || gemm[0] <= 0 || gemm[1] <= 0 || gemm[2] <= 0) {
            throw new InvalidInputException("--gemm takes three positive sizes M,K,N.");
        }
        int m = gemm[0];
        int k = gemm[1];
        int n = gemm[2];
        float[] a = Arrays.copyOf(randomInputs(k, m).values(), m * k);
        float[] b = Arrays.copyOf(randomInputs(n, k).values(), k * n);
        float[] c = new float[Math.multiplyExact(m, n)];
        Kernels kernels = Kernels.defaults();
        long end = System.nanoTime() + (long) (warmup * 1e9);
        do {
            kernels.matmul(a, b, c, m, k, n, false);
        } while (System.nanoTime() < end);
        long start = System.nanoTime();
        long calls = 0;
        do {
            kernels.matmul(a, b, c, m, k, n, false);
            calls++;
        } while (System.nanoTime() - start < seconds * 1e9);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double gflops = 2.0 * m * k * n * calls / elapsed / 1e9;
        w.printf("matmul [%dx%d]*[%dx%d]  %.1f GFLOP/s (%s)%n", m, k, k, n, gflops, kernels.name());
        double peak = kernels.peakGflops(Math.min(seconds, 2.0));
        w.printf("peak              %.1f GFLOP/s measured just now (independent multiply-adds in registers, every "
                + "thread); the product reaches %.0f%% of it%n", peak, 100 * gflops / peak);
        return 0;
    }

    /** Seconds per call of the SAE's encoder product [batch × d_in]·W_encᵀ alone, on its own weights and kernels. */
    private static double encoderProductSeconds(org.sae4j.model.sae.SparseAutoencoder s, int batch, double seconds) {
        int d = s.inputSize();
        int width = s.latentSize();
        float[] x = Arrays.copyOf(randomInputs(d, batch).values(), batch * d);
        float[] product = new float[Math.multiplyExact(batch, width)];
        Kernels kernels = Kernels.defaults();
        float[] w = s.encoderWeight().value();
        kernels.matmulTransB(x, w, product, batch, d, width, false); // warm: the step already ran it many times
        long start = System.nanoTime();
        long calls = 0;
        do {
            kernels.matmulTransB(x, w, product, batch, d, width, false);
            calls++;
        } while (System.nanoTime() - start < seconds * 1e9);
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    private static double activeShare(Model model, Dataset x, int batch) {
        float[] f = model.encode(Arrays.copyOf(x.values(), batch * x.cols()), batch);
        long n = 0;
        for (float v : f) {
            n += v != 0f ? 1 : 0;
        }
        return (double) n / f.length;
    }

    private static Dataset normalized(Dataset raw) {
        return Normalizer.fit(Normalizer.Kind.MIN_MAX, raw).apply(raw);
    }

    /** Eight batches of uniform [0, 1) values, as the PyTorch yardstick (scripts/compare-torch.py) uses. */
    static Dataset randomInputs(int cols, int batch) {
        int rows = Math.multiplyExact(8, batch);
        float[] v = new float[Math.multiplyExact(rows, cols)];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(0);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble();
        }
        return new Dataset("random " + cols + "-wide inputs", v, rows, cols);
    }

    private static long run(TrainingStep steps, long[] step, Dataset x, int batch, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long samples = 0;
        int from = 0;
        while (System.nanoTime() < end) {
            if (from + batch > x.rows()) {
                from = 0;
            }
            float[] chunk = java.util.Arrays.copyOfRange(x.values(), from * x.cols(), (from + batch) * x.cols());
            if (steps.take(chunk, batch, step[0]++, 1.0) == null) {
                throw new IllegalStateException("benchmark diverged");
            }
            samples += batch;
            from += batch;
        }
        return samples;
    }
}
