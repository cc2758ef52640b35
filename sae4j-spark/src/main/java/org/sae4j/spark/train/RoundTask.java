package org.sae4j.spark.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.sae4j.data.InMemorySource;
import org.sae4j.model.Model;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.train.FitOptions;
import org.sae4j.train.RunningStats;
import org.sae4j.train.TrainPlan;
import org.sae4j.train.TrainingStep;

/**
 * One partition's part of a round: restore the broadcast state, take the round's steps of the one
 * {@link TrainingStep} on this partition's rows, return the state. A pure function of the broadcast and the rows
 * (no clock, no shared mutable state), so when Spark re-runs a lost task the round's result does not change.
 */
final class RoundTask implements Function2<Integer, Iterator<Block>, Iterator<Replica>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Setup> setup;
    private final Broadcast<Round> round;

    RoundTask(Broadcast<Setup> setup, Broadcast<Round> round) {
        this.setup = setup;
        this.round = round;
    }

    @Override
    public Iterator<Replica> call(Integer partition, Iterator<Block> blocks) {
        Setup s = setup.value();
        int r = s.replicaOf()[partition];
        if (r < 0 || !blocks.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        Round at = round.value();
        injectedFailure(s, at, r);
        return List.of(run(s, at, r, blocks.next())).iterator();
    }

    /** A test's stand-in for an executor lost mid-round: the first attempt of the chosen round's task fails. */
    private static void injectedFailure(Setup s, Round at, int r) {
        TaskContext task = TaskContext.get();
        if (at.number() == s.failRound() && r == 0 && task != null && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of round " + at.number() + " (a test)");
        }
    }

    static Replica run(Setup s, Round at, int r, Block block) {
        Model model = ModelBytes.load(s.model());
        FitOptions options = s.settings().fitOptions(model);
        TrainPlan plan = s.plan();
        TrainingStep steps = TrainingStep.of(model, options, plan);
        steps.restore(at.state());
        InMemorySource source = new InMemorySource(block.dataset(), options.shuffle(), options.seed(), s.shufflePurpose(r));
        source.restore(new long[] {at.cursors()[r]});
        TrainPlan local = s.localPlan(r);
        int cols = block.cols();
        // Only the sums travel back; the driver numbers the epochs and times them.
        List<double[]> segments = new ArrayList<>();
        long epoch = plan.epochOf(at.from());
        RunningStats stats = new RunningStats(0, model.latentSize());
        if (at.stats() != null) {
            stats.restore(at.stats());
        }
        long rows = 0;
        for (long step = at.from(); step < at.to(); step++) {
            if (plan.epochOf(step) != epoch) {
                segments.add(stats.state());
                epoch = plan.epochOf(step);
                stats = new RunningStats(0, model.latentSize());
            }
            int n = local.rows(step);
            float[] x = new float[n * cols];
            source.fill(x, n);
            TrainingStep.Taken taken = steps.take(x, n, step, 1.0);
            if (taken == null) {
                return new Replica(r, rows, null, 0, List.of(), String.format("Training diverged at step %d on partition %d "
                        + "(the loss or a gradient is not finite); lower the learning rate or the penalty weights.",
                        step + 1, block.partition()));
            }
            stats.add(taken.result(), x, n, cols, model.outputSize(), taken.active(), steps.deadFraction());
            rows += n;
        }
        segments.add(stats.state());
        return new Replica(r, rows, steps.state(), source.cursor()[0], segments, null);
    }
}
