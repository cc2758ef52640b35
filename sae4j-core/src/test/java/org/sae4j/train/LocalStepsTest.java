package org.sae4j.train;

/** The reference engine against itself: two fresh models, the same step, the same bits (determinism of a step). */
class LocalStepsTest extends StepEngineContract {
    @Override
    StepEngine engine() {
        return LocalSteps.INSTANCE;
    }

    @Override
    double tolerance() {
        return 0;
    }

    @Override
    boolean splitsBatches() {
        return false;
    }
}
