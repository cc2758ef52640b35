package org.sae4j.spark.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.StreamingData;
import org.sae4j.model.BatchResult;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.spark.io.HadoopFiles;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.spark.reduce.TreeReduce;
import org.sae4j.tensor.NamedArrays;
import org.sae4j.train.FitOptions;
import org.sae4j.train.RunningStats;
import org.sae4j.train.TrainPlan;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingStep;
import scala.Tuple2;

/**
 * Data-parallel training on Spark by periodic model averaging (local SGD): every round the driver broadcasts the
 * training state, each non-empty partition (a replica) restores it and takes {@code syncEvery} steps of the one
 * {@link TrainingStep} on its own rows with its share of the batch (fewer when an epoch ends first: a round never
 * straddles two epochs), and the replicas' results merge in the one fixed binary tree over replica numbers
 * ({@link TreeReduce} of {@link RoundSum}s: its lower levels on the executors, so the driver never holds every
 * replica's state, and the bits do not depend on which task finished first). With one partition there is nothing to
 * average, and the
 * replica steps through exactly the batches of {@link Trainer#fit}: the model is the same, bit for bit.
 *
 * <p>Before the first round the driver takes an even sample of the rows (all of them while they fit in
 * {@link StreamingData#SMALL_VALUES} values), fits the normaliser on it and prepares the model's start (b_dec,
 * calibration) as {@code Trainer.fit} does on its rows. The run is a pure function of the seed, the data, its
 * partitioning and the settings; a checkpoint after every N rounds lets a killed run continue exactly.
 */
public final class DistributedTrainer {
    private final JavaSparkContext sc;
    private final TrainSettings settings;
    private final int syncEvery;
    private int partitions;
    private String checkpointDir;
    private int checkpointEvery = 1;
    private RoundListener listener = (round, step, total, finished) -> { };
    private java.util.function.Consumer<String> notices = line -> { };
    private long failRound = -1;
    private int groupBits = -1;
    private Dataset validation;
    private RunReport report;

    public DistributedTrainer(JavaSparkContext sc, TrainSettings settings, int syncEvery) {
        if (syncEvery < 1) {
            throw new InvalidInputException("syncEvery is " + syncEvery + "; expected at least 1 step per round.");
        }
        this.sc = sc;
        this.settings = settings;
        this.syncEvery = syncEvery;
    }

    /** Spreads the rows over {@code n} partitions in contiguous ranges first (0: keep the input's partitions). */
    public DistributedTrainer partitions(int n) {
        if (n < 0) {
            throw new InvalidInputException("Partitions is " + n + "; expected 0 (as the data is) or more.");
        }
        this.partitions = n;
        return this;
    }

    /** Checkpoints into {@code dir} (any Hadoop path) after every {@code everyRounds} rounds, and resumes from it. */
    public DistributedTrainer checkpoints(String dir, int everyRounds) {
        if (everyRounds < 1) {
            throw new InvalidInputException("Checkpoint interval is " + everyRounds + " rounds; expected at least 1.");
        }
        this.checkpointDir = dir;
        this.checkpointEvery = everyRounds;
        return this;
    }

    /**
     * Raw held-out rows whose reconstruction loss each epoch reports (as {@code Trainer.fit}'s validation data does),
     * computed on the driver; null for none.
     */
    public DistributedTrainer validation(Dataset raw) {
        this.validation = raw;
        return this;
    }

    public DistributedTrainer listener(RoundListener l) {
        this.listener = l;
        return this;
    }

    /** Hears the lines a run says besides its rounds: a coefficient search's, one per run. */
    public DistributedTrainer notices(java.util.function.Consumer<String> n) {
        this.notices = n;
        return this;
    }

    /** For the fault-tolerance tests: the first attempt of replica 0's task in round {@code round} (from 0) fails. */
    DistributedTrainer failFirstAttemptOfRound(long round) {
        this.failRound = round;
        return this;
    }

    /** For the tests: replicas merged on the executors in groups of 2^bits (0: all on the driver), not about √P. */
    DistributedTrainer groupBits(int bits) {
        this.groupBits = bits;
        return this;
    }

    /** What the last {@link #fit} cost. */
    public RunReport report() {
        return report;
    }

    /**
     * Trains {@code model} (fresh, or loaded to continue) on the raw rows of {@code rows}; {@code what} names them in
     * error sentences. Returns the trained model: {@code model} itself, or the start a checkpoint held.
     */
    public Model fit(Model model, JavaRDD<float[]> rows, String what) {
        int d = model.inputSize();
        JavaRDD<Block> raw = Blocks.of(rows, d, partitions, what).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Block> shapes = raw.map(b -> new Block(b.partition(), b.rows(), b.cols(), new float[0], b.error())).collect();
            Blocks.requireValid(shapes);
            Layout layout = Layout.of(shapes, what);
            FitOptions options = settings.fitOptions(model);
            TrainPlan plan = Trainer.plan(options, layout.total());
            Dataset sample = sample(raw, layout, d, what);
            Normalizer normalizer = options.normalization() != null ? Normalizer.fit(options.normalization(), sample)
                    : model.normalizer();
            model.setNormalizer(normalizer);
            Dataset normalSample = normalizer.apply(sample);
            model.requireTrainable(normalSample);
            Trainer.prepareStart(model, options, plan, normalSample, model.history().epochs().isEmpty());
            // A Normalizer is not serialisable; its kind and arrays are.
            Normalizer.Kind kind = normalizer.kind();
            float[] offset = normalizer.offset();
            float[] scale = normalizer.scale();
            JavaRDD<Block> blocks = raw.map(b -> normalized(b, new Normalizer(kind, offset, scale)))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                blocks.count();
                raw.unpersist(false);
                Dataset heldOut = validation == null ? null
                        : normalizer.apply(validation.requireFinite().requireCols(d, "the model"));
                TrainSettings kept = settings;
                byte[] start = ModelBytes.of(model); // what every run of this fit starts from, the search's too
                claimStart(start); // before a search: a directory another job wrote is refused at once
                if (Trainer.searches(model, options.sparsityTarget())) {
                    // As Trainer.fit does: runs from this start, measured on the held-out rows or the sample, and
                    // the coefficient of the closest held for the run kept. The search's runs save no checkpoints
                    // of their own; its progress is saved after each, so a stopped job goes on from its last run.
                    FitOptions found = Trainer.searchCoefficient(model, options, heldOut != null ? heldOut : normalSample,
                            trial -> train(model, start, blocks, layout, plan, heldOut,
                                    settings.heldAs(trial.sparsityTarget()), false),
                            notices, savedSearch(layout), state -> saveSearch(state, layout));
                    kept = settings.heldAs(found.sparsityTarget());
                }
                return train(model, start, blocks, layout, plan, heldOut, kept, true);
            } finally {
                blocks.unpersist(false);
            }
        } finally {
            raw.unpersist(false);
        }
    }

    /** The settings a run's checkpoints are checked against: its own, and how often its replicas meet. */
    private String fingerprint(TrainSettings s) {
        return s + ", syncEvery " + syncEvery;
    }

    private RunCheckpoints store() {
        return checkpointDir == null ? null : new RunCheckpoints(new HadoopFiles(sc.hadoopConfiguration()), checkpointDir);
    }

    /**
     * Takes the checkpoint directory for runs from {@code start} (the prepared start's file bytes, which the model's
     * flags, its seed, the normaliser and the data's sample all shape): writes it there, or refuses a directory whose
     * runs started from another model; settings and partition sizes alone would let a job on other data, or of
     * another width, resume a finished job's model.
     */
    private void claimStart(byte[] start) {
        RunCheckpoints store = store();
        if (store != null) {
            store.claimStart(start);
        }
    }

    /** The coefficient search's progress in the checkpoint directory, checked to be this job's; null when none. */
    private NamedArrays savedSearch(Layout layout) {
        RunCheckpoints store = store();
        NamedArrays saved = store == null ? null : store.search();
        if (saved != null) {
            RunCheckpoints.requireSameRun(saved, fingerprint(settings), layout.rows(), checkpointDir);
        }
        return saved;
    }

    /** Keeps a coefficient search's progress in the checkpoint directory; false when the run has none. */
    private boolean saveSearch(NamedArrays state, Layout layout) {
        RunCheckpoints store = store();
        if (store == null) {
            return false;
        }
        state.put("spark/settings", fingerprint(settings));
        state.put("spark/rows", layout.rows());
        store.saveSearch(state);
        return true;
    }

    /**
     * One run from {@code prepared} (whose file bytes are {@code start}) with {@code settings}; {@code kept}: the run
     * to keep (its checkpoints, its rounds heard).
     */
    private Model train(Model prepared, byte[] start, JavaRDD<Block> blocks, Layout layout, TrainPlan plan,
                        Dataset heldOut, TrainSettings settings, boolean kept) {
        String fingerprint = fingerprint(settings);
        RoundListener listener = kept ? this.listener : (round, step, total, finished) -> { };
        RunCheckpoints store = kept ? store() : null;
        RunCheckpoints.Saved saved = store == null ? null : store.latest();
        Model model = saved != null ? saved.start() : prepared;
        TrainingStep driver = TrainingStep.of(model, settings.fitOptions(model), plan);
        Setup setup = new Setup(start, settings, plan.epochRows(), plan.batch(), plan.totalRows(), layout.replicaOf(),
                layout.rows(), layout.batches(plan.batch()), failRound);
        Progress p = Progress.start(driver.state(), layout.rows().length);
        if (saved != null) {
            RunCheckpoints.requireSameRun(saved.state(), fingerprint, layout.rows(), checkpointDir);
            p = Progress.of(saved.state());
        }
        Broadcast<Setup> shared = sc.broadcast(setup);
        long stateBytes = 0; // measured on the first merged state: optimizer moments exist only after a step
        int trainedBefore = model.history().epochs().size(); // the start model's: before this run
        long firstRound = p.round();
        double roundSeconds = 0;
        double mergeSeconds = 0;
        long trainedRows = 0;
        long epochStart = System.nanoTime();
        try {
            while (p.step() < plan.totalSteps()) {
                // A round never runs past an epoch's end, so each epoch's figures (its validation loss above all) are
                // taken on the state at its last step, as on one machine.
                long epochEnd = Math.min(plan.totalSteps(), (plan.epochOf(p.step()) + 1) * plan.batchesPerEpoch());
                long to = Math.min(p.step() + syncEvery, epochEnd);
                long t0 = System.nanoTime();
                Broadcast<Round> round = sc.broadcast(new Round(p.round(), p.step(), to, p.state(), p.cursors(), p.stats()));
                int n = layout.rows().length;
                RoundSum sum = TreeReduce.reduce(blocks.mapPartitionsWithIndex(new RoundTask(shared, round), true)
                        .mapToPair(r -> new Tuple2<>(r.replica(), RoundSum.of(r, round.value(), n))), n, RoundSum::plus,
                        groupBits < 0 ? TreeReduce.groupBits(n) : groupBits);
                round.destroy();
                long t1 = System.nanoTime();
                if (sum.error() != null) {
                    throw new InvalidInputException(sum.error());
                }
                trainedRows += sum.rows();
                NamedArrays merged = sum.state();
                if (n > 1) {
                    merged = settle(driver, model, merged);
                }
                EpochStats finished = null;
                double[] running = p.stats();
                List<EpochStats> history = new ArrayList<>(EpochStats.fromRows(merged.doubles("history")).epochs());
                for (int j = 0; j < sum.segments(); j++) {
                    long epoch = plan.epochOf(p.step()) + j;
                    double[] sums = sum.stats(j);
                    if (epoch < plan.epochOf(to - 1) || plan.endsEpoch(to - 1)) {
                        double loss = heldOut == null ? Double.NaN : validationLoss(driver, model, merged, heldOut);
                        finished = epochStats(trainedBefore + (int) epoch + 1, model.latentSize(), sums, loss, epochStart);
                        history.add(finished);
                        epochStart = System.nanoTime();
                        running = null;
                    } else {
                        running = sums;
                    }
                }
                merged.put("history", EpochStats.rows(new History(history)));
                p = new Progress(p.round() + 1, to, merged, sum.cursors(), running);
                mergeSeconds += (System.nanoTime() - t1) / 1e9;
                if (stateBytes == 0) {
                    stateBytes = ModelBytes.ofState(merged).length;
                }
                roundSeconds += (t1 - t0) / 1e9;
                if (store != null && (p.round() % checkpointEvery == 0 || p.step() == plan.totalSteps())) {
                    store.save(p.round(), p.checkpoint(fingerprint, layout.rows()));
                }
                listener.onRound(p.round(), p.step(), plan.totalSteps(), finished);
            }
        } finally {
            shared.destroy();
        }
        driver.restore(p.state());
        driver.saveControlTo(model);
        report = new RunReport(p.round() - firstRound, layout.rows().length, trainedRows, roundSeconds, mergeSeconds, stateBytes);
        return model;
    }

    /**
     * The averaged state made whole again, once, on the driver: the model's row constraints (unit-norm decoder
     * rows of the k-sparse SAEs) and after-step rules hold for each replica's state but not for their average.
     */
    private static NamedArrays settle(TrainingStep driver, Model model, NamedArrays merged) {
        driver.restore(merged);
        model.rowConstraints().restoreAll();
        model.afterStep(BatchResult.dense(0, 0, 0, null, null));
        return driver.state();
    }

    /** The held-out loss of the merged state at an epoch's end. */
    private static double validationLoss(TrainingStep driver, Model model, NamedArrays merged, Dataset heldOut) {
        driver.restore(merged);
        return Trainer.reconstructionLoss(model, heldOut);
    }

    private static EpochStats epochStats(int epoch, int latents, double[] sums, double validation, long startNanos) {
        RunningStats s = new RunningStats(epoch, latents);
        s.restore(sums);
        EpochStats e = s.snapshot(validation);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long seen = (long) sums[6];
        return new EpochStats(e.epoch(), e.loss(), e.reconstruction(), e.validation(), e.l0(), e.meanActivation(),
                e.explainedVariance(), e.deadFraction(), seconds, seen / Math.max(seconds, 1e-9));
    }

    /** An even sample of the rows, each partition giving its share: all rows while they fit the sample's size. */
    private static Dataset sample(JavaRDD<Block> raw, Layout layout, int d, String what) {
        long total = layout.total();
        long size = Math.min(total, Math.max(1, StreamingData.SMALL_VALUES / d));
        int[] quota = new int[layout.replicaOf().length];
        for (int p = 0; p < quota.length; p++) {
            quota[p] = (int) (layout.partitionRows()[p] * size / total);
        }
        List<float[]> parts = raw.map(b -> b.spread(quota[b.partition()])).collect();
        int n = 0;
        for (float[] part : parts) {
            n += part.length / d;
        }
        float[] values = new float[n * d];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, values, at, part.length);
            at += part.length;
        }
        return new Dataset(what + " (sample)", values, n, d);
    }

    private static Block normalized(Block b, Normalizer n) {
        float[] x = b.values().clone();
        n.applyInPlace(x, x.length);
        return new Block(b.partition(), b.rows(), b.cols(), x, null);
    }
}
