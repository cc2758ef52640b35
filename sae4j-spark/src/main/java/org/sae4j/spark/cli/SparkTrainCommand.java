package org.sae4j.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sae4j.InvalidInputException;
import org.sae4j.cli.ControlFlags;
import org.sae4j.cli.SaeFlags;
import org.sae4j.cli.SampleCount;
import org.sae4j.data.Dataset;
import org.sae4j.data.HoldOut;
import org.sae4j.data.Normalizer;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.io.ModelFile;
import org.sae4j.model.Model;
import org.sae4j.spark.train.DistributedTrainer;
import org.sae4j.spark.train.RunReport;
import org.sae4j.spark.train.TrainSettings;
import org.sae4j.train.SparsityTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j-spark train}: {@code sae4j train}'s SAE flags, with the same defaults and meaning, plus where Spark
 * runs and how the rounds go. With {@code --partitions 1} the model file is the one {@code sae4j train} writes with
 * the same flags, byte for byte. The file is written once, atomically, after the last round.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a dictionary-learning SAE on Spark by periodic model averaging: each",
                "partition takes --sync-every steps on its rows from the same state, then the",
                "driver averages their states weighted by rows.", ""})
final class SparkTrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataInput data = new DataInput();

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2",
            description = "Partitions (replicas) to train on; 0 keeps a Parquet input's own (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--sync-every", paramLabel = "STEPS", defaultValue = "16",
            description = "Steps each partition takes between two averages (default ${DEFAULT-VALUE}).")
    int syncEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "PATH", description = "Checkpoint into (and resume from) this Hadoop path.")
    String checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "ROUNDS", defaultValue = "10",
            description = "Rounds between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    /** sae4j train's SAE options themselves, so a flag means the same and is refused in the same sentence on both. */
    @Mixin
    SaeFlags sae = new SaeFlags();

    @Option(names = "--target-l0", paramLabel = "L0", description = "Reach this L0 (active latents per sample): standard's coefficient is searched over several runs, as sae4j train does; jumprelu and gated thresholds follow each sample's top L0 latents (--lambda and jumprelu's --pre-act-coefficient have no part there, and are refused).")
    Double targetL0;

    // The schedule's options are declared here, not taken from sae4j train's FitFlags: that mixin also carries what a
    // round of model averaging does not do (sgd and momentum, warm-ups, annealing, clipping, resampling, no-shuffle,
    // --validation-data), and its --checkpoint-every counts steps where Spark's counts rounds. --samples shares its
    // parser (SampleCount); the rest keep sae4j train's names and defaults.
    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default 2e-4 / sqrt(width / 2^14)).")
    Double lr;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Passes over the data (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--samples", paramLabel = "N", converter = SampleCount.class,
            description = "Train on N samples in all instead of --epochs passes, e.g. 50M (k, M, G suffixes).")
    Long samples;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
            description = "Samples per step over all partitions (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of weights and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", paramLabel = "KIND", defaultValue = "minmax",
            description = "Input normalisation: minmax, standardize, mean-norm or none (default ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--validation-split", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Driver-loaded data: fraction held out from the end (default ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "sae4j-model.safetensors",
            description = "Model file, written atomically after the last round (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No line per epoch.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        TrainSettings settings = new TrainSettings(epochs, samples, batchSize, seed, true, Normalizer.parse(scale), "adam", lr,
                null, null, null, null, null, null, targetL0);
        sae.defaultArch("topk"); // Spark trains SAEs alone, so there is no classic preset to fall back on
        sae.builder(1, seed); // the SAE options are checked before any data is read
        sae.requireTrainableAt(targetL0, spec.commandLine().getParseResult()::hasMatchedOption);
        org.sae4j.io.OutputPaths.requireWritableFile(out);
        SparkSession spark = SparkSessions.open(master);
        Dataset heldOut = null;
        JavaRDD<float[]> rows;
        int trainPartitions = partitions;
        String what;
        int d;
        if (data.distributed()) {
            rows = data.distributedRows(spark, 0);
            what = data.name();
            java.util.List<float[]> first = rows.take(1);
            if (first.isEmpty()) {
                throw new InvalidInputException("Data " + what + " has no rows; expected at least one to train on.");
            }
            d = first.get(0).length;
        } else {
            Dataset all = data.load();
            HoldOut.Split split = HoldOut.split(all, validationSplit);
            heldOut = split.heldOut();
            rows = DataInput.slices(spark, split.train(), Math.max(1, partitions));
            trainPartitions = 0; // already sliced in order
            what = "'" + all.name() + "'";
            d = all.cols();
        }
        Model model = sae.builder(d, seed).build();
        DistributedTrainer trainer = new DistributedTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), settings,
                syncEvery).partitions(trainPartitions).validation(heldOut).notices(line -> {
                    w.println(line);
                    w.flush();
                }).listener((round, step, total, finished) -> {
                    if (finished != null && !quiet) {
                        w.printf(Locale.ROOT, "epoch %d  loss %.5f  recon %.5f  val recon %.5f  L0 %.2f  dead %.1f%%  %.1fs  %,.0f samples/s%n",
                                finished.epoch(), finished.loss(), finished.reconstruction(), finished.validation(),
                                finished.l0(), 100 * finished.deadFraction(), finished.seconds(), finished.samplesPerSecond());
                        w.flush();
                    }
                });
        if (checkpointDir != null) {
            trainer.checkpoints(checkpointDir, checkpointEvery);
        }
        w.printf("sae4j-spark: %s on %s, %s, sync every %d steps%n",
                ControlFlags.describe(model, targetL0 == null ? null : SparsityTarget.l0(targetL0)), what,
                spark.sparkContext().master(), syncEvery);
        w.flush();
        Model trained = trainer.fit(model, rows, what);
        ModelFile.save(trained, out);
        RunReport r = trainer.report();
        w.printf(Locale.ROOT, "%d rounds on %d partitions, %,.0f samples/s; per round %.3f s (%.3f s of it merging on the "
                + "driver), %,d bytes per state, %,d bytes moved%n", r.rounds(), r.replicas(), r.samplesPerSecond(),
                (r.roundSeconds() + r.mergeSeconds()) / Math.max(1, r.rounds()), r.mergeSeconds() / Math.max(1, r.rounds()),
                r.stateBytes(), r.bytesPerRound());
        if (heldOut != null) {
            EvalReport e = Metrics.evaluate(trained, heldOut, null);
            w.printf(Locale.ROOT, "held out: fvu %.4f  L0 %.2f  dead %.1f%%%n", e.fvu(), e.l0(), 100 * e.deadFraction());
        }
        w.println("model saved to " + out.toAbsolutePath());
        return 0;
    }
}
