package org.sae4j.cli;

import java.util.function.Predicate;
import org.sae4j.model.sae.Architecture;

/**
 * The options a run at {@code --target-l0} would silently ignore. jumprelu and gated then train by a top-k budget
 * that sets their thresholds ({@code model/sae/ThresholdBudget}): their steps take no L0 or L1 term, no λ, no
 * pseudo-gradient and no pre-activation loss, so {@code --lambda}, {@code --pre-act-coefficient} and
 * {@code --sparsity-warmup} (which ramps λ) change nothing in the run. A user who types one expects it to; saying so
 * beats training a model that ignored it. (standard's --lambda is the start its search steers from, so it stays;
 * jumprelu's --bandwidth still sets the thresholds' floor ε/2 and --threshold-init their start, so they stay too.)
 */
final class IgnoredAtTarget {
    private IgnoredAtTarget() {
    }

    /**
     * Why the first option that {@code given} says the user gave would do nothing in a run of {@code arch} (null: a
     * classic model) at {@code targetL0} (null: none); null when every option given takes part. The reason is a
     * sentence without its end, so a refusal and a warning can each finish it.
     */
    static String reason(String arch, Double targetL0, Predicate<String> given) {
        if (arch == null || targetL0 == null) {
            return null;
        }
        Architecture a = Architecture.parse(arch);
        if (!a.followsBudget()) {
            return null;
        }
        String budget = "at --target-l0 " + a.id() + "'s thresholds follow each sample's top L0 latents";
        if (given.test("--lambda")) {
            return "--lambda has no effect: " + budget + ", with no " + (a == Architecture.GATED ? "L1" : "L0")
                    + " term for lambda to weigh";
        }
        if (a == Architecture.JUMPRELU && given.test("--pre-act-coefficient")) { // gated's is refused as for any run
            return "--pre-act-coefficient has no effect: " + budget + ", and that budget trains no pre-activation loss";
        }
        if (given.test("--sparsity-warmup")) {
            return "--sparsity-warmup has no effect: " + budget + ", so there is no sparsity coefficient to ramp";
        }
        return null;
    }

    /** The refusal's sentence: the reason, and what to do. */
    static String refusal(String reason) {
        return reason + "; drop it.";
    }

    /** The warning's line, for a run that may go on with the option (one already begun, some runs of a sweep). */
    static String warning(String reason, String why) {
        return "Warning: " + reason + " (" + why + ").";
    }
}
