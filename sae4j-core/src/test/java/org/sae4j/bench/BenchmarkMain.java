package org.sae4j.bench;

import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.sae4j.model.Autoencoder;

/**
 * Runs the JMH benchmarks (JMH's own command-line options pass through) and restates the scores in the
 * units this project reports: samples/s and GFLOP/s, with the allocation rate from JMH's GC profiler.
 * Each forked benchmark JVM prints its own peak heap when it ends.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(TrainingBenchmark.class.getSimpleName());
        }
        options.addProfiler("gc");
        Collection<RunResult> results = run(options);
        int batch = 256;
        double stepFlops = batch * Autoencoder.builder(784).encoder(128, 64, 32).build().trainingFlopsPerSample();
        Map<String, Double> productFlops = Map.of(
                "matmul", 2.0 * batch * 784 * 128, "matmulTransB", 2.0 * batch * 784 * 128,
                "matmulTransA", 2.0 * batch * 784 * 128);
        System.out.println();
        System.out.println("sae4j summary (batch " + batch + ", " + Runtime.getRuntime().availableProcessors() + " cores):");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            double opsPerSecond = r.getPrimaryResult().getScore();
            double flops = name.equals("trainStep") ? stepFlops : productFlops.getOrDefault(name, 0.0);
            String samples = name.equals("trainStep") ? String.format("%,12.0f samples/s", opsPerSecond * batch) : "";
            var heap = r.getSecondaryResults().get("gc.alloc.rate");
            System.out.printf("  %-14s %10.1f ops/s %s %8.2f GFLOP/s   alloc %s MB/s%n", name, opsPerSecond, samples,
                    opsPerSecond * flops / 1e9, heap == null ? "?" : String.format("%.0f", heap.getScore()));
        }
        System.out.println("  peak heap: see the 'peak heap' line each forked benchmark JVM prints above");
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

}
