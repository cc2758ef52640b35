package org.sae4j.train;

import java.util.Arrays;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.StepContext;
import org.sae4j.model.TrainingTraits;
import org.sae4j.optim.Optimizer;
import org.sae4j.tensor.NamedArrays;

/**
 * The one order of a training step, for the trainer, the multi-model sweep and the bench: the context (dead mask,
 * sparsity warm-up and controller, annealed k), the {@link StepEngine}'s forward and backward pass, the
 * {@link Update}, then the counters the next step reads (dead latents, the controller, resampling).
 * {@link TrainRun} adds what a run adds around it: epochs, statistics, checkpoints, roll-backs.
 */
public final class TrainingStep {
    /** A step that was taken: its result, and how many latents fired over its rows. */
    public record Taken(BatchResult result, long active) {
    }

    private final Model model;
    /** The model's traits, read once: they do not change during a run, and every step needs its k. */
    private final TrainingTraits traits;
    private final StepEngine engine;
    private final Optimizer optimizer;
    private final TrainingSchedule schedule;
    private final long totalSteps;
    private final DeadLatents dead;
    private final DeadLatentResampler resampler;
    private final long resampleEvery;
    private final double threshold;
    private final int[] fires;
    private final SparsityController control;
    private double divergedLoss;

    TrainingStep(Model model, StepEngine engine, FitOptions options, TrainingSchedule schedule, TrainPlan plan) {
        this.model = model;
        this.traits = model.traits();
        this.engine = engine;
        this.optimizer = options.optimizer().get();
        this.schedule = schedule;
        this.totalSteps = plan.totalSteps();
        this.dead = new DeadLatents(model.latentSize(), schedule.deadAfterSamples());
        this.resampler = schedule.resampleDead() && traits.dictionary()
                ? new DeadLatentResampler(options.seed()) : null;
        this.resampleEvery = Math.max(1, schedule.deadAfterSamples() / plan.batch());
        this.threshold = options.activeThreshold() != null ? options.activeThreshold() : model.activeThreshold();
        this.fires = new int[model.latentSize()];
        this.control = SparsityController.start(options.sparsityTarget(), model, schedule, plan.totalSteps());
    }

    /**
     * The steps {@code options} give for {@code model} over a run of {@code totalSteps} steps of {@code batch} rows
     * on passes of {@code epochRows} rows, its schedule resolved: what the bench times, outside any run.
     */
    public static TrainingStep of(Model model, FitOptions options, long totalSteps, long epochRows, int batch) {
        TrainPlan plan = new TrainPlan(epochRows, batch, totalSteps * batch);
        return new TrainingStep(model, LocalSteps.INSTANCE, options, schedule(options, model, plan), plan);
    }

    /**
     * The steps of {@code plan} for {@code model}, each through the options' {@link StepEngine}: what
     * {@link Trainer#fit} runs, for a trainer that drives the steps itself (a cluster's replicas step through the
     * plan of the whole run, so their schedule is the one a single machine would follow).
     */
    public static TrainingStep of(Model model, FitOptions options, TrainPlan plan) {
        return new TrainingStep(model, options.engine(), options, schedule(options, model, plan), plan);
    }

    /** The schedule's defaults filled in for this model and plan. */
    static TrainingSchedule schedule(FitOptions options, Model model, TrainPlan plan) {
        return options.schedule().resolve(model.traits(), plan.totalSteps(), plan.epochRows(), plan.batch());
    }

    /**
     * Step {@code step} (0-based) on {@code rows} rows of {@code x} at {@code lrFactor} times the scheduled rate;
     * null when the loss or a gradient is not finite (then nothing was updated).
     */
    public Taken take(float[] x, int rows, long step, double lrFactor) {
        StepContext context = new StepContext(dead.mask(),
                schedule.sparsityScale(step) * SparsityController.multiplier(control), annealedK(step),
                SparsityController.budget(control), SparsityController.budgetSelects(control, step));
        BatchResult r = engine.step(model, x, rows, context);
        if (!Update.apply(model, optimizer, r, schedule.lrScale(step, totalSteps) * lrFactor, schedule.clipGradNorm())) {
            divergedLoss = r.total();
            return null;
        }
        Arrays.fill(fires, 0);
        long active = r.countActive(model.latentSize(), threshold, fires);
        dead.update(fires, rows);
        if (control != null) {
            control.observe(step, r, rows, active, model.latentSize());
        }
        if (resampler != null && (step + 1) % resampleEvery == 0 && step < totalSteps * 4 / 5) {
            dead.revive(resampler.resample(model, optimizer, dead.mask(), x, r.output(), rows, step));
        }
        return new Taken(r, active);
    }

    /** This step's annealed k for a TopK-style model (0 when not annealing: the model's own k). */
    private int annealedK(long step) {
        if (!traits.usesK()) {
            return 0;
        }
        return schedule.annealedK(step, traits.k(), Math.min(model.latentSize(), Math.max(traits.k(), model.inputSize())));
    }

    /**
     * The state these steps continue from: the model and optimizer ({@link TrainState#of}), the dead-latent counters
     * ({@code run/dead}) and the sparsity controller ({@code run/control}). A step restored from it takes the same
     * step as the one it was captured from; replicas' states merge by {@link TrainState#merge}.
     */
    public NamedArrays state() {
        NamedArrays s = TrainState.of(model, optimizer);
        s.put("run/dead", dead.state());
        if (control != null) {
            s.put("run/control", control.vector());
        }
        return s;
    }

    /** Puts back a state that {@link #state()} (or a run's checkpoint) captured for the same model and settings. */
    public void restore(NamedArrays s) {
        TrainState.restore(s, model, optimizer);
        dead.restore(s.longs("run/dead"));
        if (control != null && s.has("run/control")) {
            control.restore(s.doubles("run/control"));
        }
    }

    /** Stores where the sparsity controller is in the model (saved with it), at every epoch end like the history. */
    public void saveControlTo(Model m) {
        if (control != null) {
            control.saveTo(m);
        }
    }

    /** The fraction of latents the dead-latent counters call dead now (what an epoch's statistics report). */
    public double deadFraction() {
        return dead.fraction();
    }

    /** The loss of the last step that diverged. */
    double divergedLoss() {
        return divergedLoss;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    TrainingSchedule schedule() {
        return schedule;
    }

    DeadLatents dead() {
        return dead;
    }

}
