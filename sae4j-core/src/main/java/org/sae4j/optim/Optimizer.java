package org.sae4j.optim;

import java.util.List;
import org.sae4j.nn.Parameter;
import org.sae4j.nn.RowConstraints;

/** Updates parameters in place from their gradients; keeps its own per-parameter state. */
public interface Optimizer {

    /**
     * One update at {@code lrScale} times the configured learning rate (schedules: warm-up, decay). The rows of a
     * constrained parameter are updated a few at a time: their gradient projected, updated, put back on their set.
     */
    void step(List<Parameter> parameters, double lrScale, RowConstraints constraints);

    /**
     * The same with no parameter constrained: for models without row constraints (probes, tests). A model's training
     * step goes through {@code train.Update}, which passes the model's {@code rowConstraints()}.
     */
    default void step(List<Parameter> parameters, double lrScale) {
        step(parameters, lrScale, RowConstraints.NONE);
    }

    default void step(List<Parameter> parameters) {
        step(parameters, 1.0);
    }

    /** Forgets the state of values [from, to) of a parameter (a resampled latent starts afresh). */
    default void resetState(Parameter parameter, int from, int to) {
    }

    /** The configured learning rate. */
    double learningRate();

    /** Settings, for history and logs, e.g. "adam(lr=0.001)". */
    String describe();

    /** The per-parameter state (moments, velocity) as live arrays, or null before the first step; for checkpoints. */
    default float[][] state(Parameter parameter) {
        return null;
    }

    /** Puts back state that {@link #state} returned for a parameter of the same shape; null forgets its state. */
    default void restore(Parameter parameter, float[][] state) {
    }

    /** Steps taken so far (Adam's bias correction depends on it). */
    default long steps() {
        return 0;
    }

    default void restoreSteps(long steps) {
    }
}
