package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.eval.EvalReport;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.Model;
import org.sae4j.model.SparsityControl;
import org.sae4j.model.TrainedState;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.SparsityTarget;
import org.sae4j.train.Trainer;
import picocli.CommandLine.Option;

/**
 * {@code --target-l0} and {@code --target-rho}: ask for a sparsity and let the trainer's controller adapt the
 * coefficient (SAE lambda, classic L1-activity weight or KL beta) to reach it. Public for what sae4j-spark train
 * shares with sae4j train: the header's name of the model ({@link #describe}) and, through {@link SaeFlags}, the
 * refusals. Its options stay sae4j train's: Spark's --target-l0 has no classic models and no --sparsity-warmup to
 * speak of, and no --target-rho.
 */
public final class ControlFlags {
    @Option(names = "--target-l0", paramLabel = "L0",
            description = "Reach L0 active latents per sample. Standard and classic models with --l1-activity: the "
                    + "coefficient is searched, as by hand: a run steering it from --lambda estimates it, up to 8 runs "
                    + "at fixed values close in on L0, and the closest is trained again and kept (3 to 10 runs' time). "
                    + "jumprelu's and gated's thresholds instead follow each sample's top L0 latents, which train "
                    + "alone for the first half of the steps (one run; --lambda, jumprelu's --pre-act-coefficient and "
                    + "--sparsity-warmup have no part, and are refused).")
    Double targetL0;

    @Option(names = "--target-rho", description = "Classic models with KL sparsity: adapt beta so the mean code activation reaches --rho.")
    boolean targetRho;

    /** The target for {@code model}, or null; one sentence when the model has no coefficient to adapt. */
    SparsityTarget target(Model model) {
        if (targetL0 != null && targetRho) {
            throw new InvalidInputException("Give --target-l0 or --target-rho, not both.");
        }
        if (targetL0 != null) {
            if (model instanceof SparseAutoencoder s) {
                requireAdaptable(s.architecture(), !Double.isNaN(s.config().targetL0()));
            } else if (!(model instanceof Autoencoder ae && ae.config().l1Activity() > 0)) {
                throw new InvalidInputException("--target-l0 adapts a sparsity coefficient, which " + model.describe()
                        + " lacks; use --arch standard, jumprelu or gated, or a classic model with --l1-activity.");
            }
            return SparsityTarget.l0(targetL0);
        }
        if (targetRho) {
            if (!(model instanceof Autoencoder ae) || ae.config().kl() == null) {
                throw new InvalidInputException("--target-rho adapts the KL weight beta, which " + model.describe()
                        + " lacks; use a classic model with --rho (e.g. --preset deep-kl).");
            }
            return SparsityTarget.rho(ae.config().kl().rho());
        }
        return null;
    }

    /**
     * --target-l0 on an SAE of {@code a}, with or without {@code quadratic} (--quadratic-l0): one sentence when there
     * is no coefficient to adapt, or when jumprelu would be asked for two sparsity rules at once. (sae4j train checks
     * it on the built model, whose architecture a sweep may vary; sae4j-spark train on its flags, through SaeFlags.)
     */
    static void requireAdaptable(Architecture a, boolean quadratic) {
        if (!a.usesCoefficient()) { // the controller would steer a multiplier that nothing reads
            throw new InvalidInputException("--target-l0 adapts a sparsity coefficient, which a " + a.id()
                    + " SAE lacks; use --arch standard, jumprelu or gated.");
        }
        if (quadratic) {
            throw new InvalidInputException("Give --target-l0 or --quadratic-l0, not both: with --target-l0 "
                    + "jumprelu's thresholds follow each sample's top L0 latents, and --quadratic-l0 is a penalty "
                    + "at a fixed lambda.");
        }
    }

    /**
     * The objective the run trains: the model's own (its coefficient searched under a target L0), or, for a model
     * whose thresholds follow a budget under a target L0 (jumprelu, gated), what replaces its sparsity term.
     */
    static String objective(Model model, SparsityTarget target) {
        if (target == null || target.measure() != SparsityTarget.Measure.L0) {
            return model.describeObjective();
        }
        String k = SparsityControl.count(target.value());
        if (Trainer.searches(model, target)) {
            return model.describeObjective() + ", the coefficient searched for L0 " + k;
        }
        if (!model.traits().followsBudget()) {
            return model.describeObjective() + ", the coefficient steered toward L0 " + k;
        }
        return "mse of the latents above their thresholds, which follow each sample's top " + k
                + " (that top " + k + " itself for the first half of the steps)";
    }

    /**
     * The model as a run's header names it: its own description, except that a model whose thresholds follow a
     * budget at a target L0 (jumprelu, gated) names the target where its λ would stand, since λ takes no part then
     * (the objective line says what trains instead).
     */
    public static String describe(Model model, SparsityTarget target) {
        if (target == null || target.measure() != SparsityTarget.Measure.L0 || !model.traits().followsBudget()
                || !(model instanceof SparseAutoencoder s)) {
            return model.describe();
        }
        return s.describeShape() + SparseAutoencoder.budgetSparsity(target.value());
    }

    /** Prints where the controller ended, and warns when it saturated or missed the target on held-out rows. */
    static void report(PrintWriter w, Model model, EvalReport scored) {
        report(w, model, scored, false);
    }

    /** As {@link #report(PrintWriter, Model, EvalReport)}, for a run whose coefficient was {@code searched}. */
    static void report(PrintWriter w, Model model, EvalReport scored, boolean searched) {
        SparsityControl c = model instanceof TrainedState t ? t.sparsityControl() : null;
        if (c == null) {
            return;
        }
        boolean l0 = c.measure().equals("l0");
        double heldOut = l0 ? scored.l0() : scored.overallMeanActivation();
        String steered = l0 && model.traits().followsBudget()
                ? String.format(Locale.ROOT, "thresholds follow a top-k of %.4g per sample (target / x%.4g)",
                        c.target() / c.multiplier(), c.multiplier())
                : String.format(Locale.ROOT, "coefficient %.4g (x%.4g)", baseCoefficient(model) * c.multiplier(),
                        c.multiplier());
        w.print(EvalText.line("sparsity control", String.format(Locale.ROOT,
                "%s target %s, reached %.4g in training, %.4g here; %s", c.measure(), SparsityControl.count(c.target()),
                c.reached(), heldOut, steered)));
        if (c.saturated()) {
            w.println(model.traits().followsBudget()
                    ? "Warning: the thresholds' budget reached its bound (x1e4 or x1e-4 of the target); the target "
                            + "looks unreachable for this model and data."
                    : "Warning: the sparsity coefficient reached its bound (x1e4 or x1e-4 of the start); the target "
                            + "looks unreachable for this model: change --lambda or the target.");
        } else if (Math.abs(heldOut / c.target() - 1) > 0.05 && searched) {
            w.println("Warning: the " + c.measure() + " ended more than 5% off its target: the coefficient search's "
                    + "closest run missed it (the L0 can jump past the target between two close values of the "
                    + "coefficient); train at a --lambda near the one above, or ask for a nearby target.");
        } else if (Math.abs(heldOut / c.target() - 1) > 0.05) {
            w.println("Warning: the " + c.measure() + " ended more than 5% off its target; train longer (more steps "
                    + "give the controller time to settle)" + (model.traits().followsBudget() ? "."
                    : " or start --lambda nearer."));
        }
    }

    private static double baseCoefficient(Model model) {
        if (model instanceof SparseAutoencoder s) {
            return s.config().coefficient();
        }
        Autoencoder ae = (Autoencoder) model;
        return ae.config().kl() != null ? ae.config().kl().beta() : ae.config().l1Activity();
    }
}
