package org.sae4j.train;

import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.StepContext;

/** The step in this thread: the model's own forward and backward pass over the whole batch. */
public final class LocalSteps implements StepEngine {
    public static final LocalSteps INSTANCE = new LocalSteps();

    private LocalSteps() {
    }

    @Override
    public BatchResult step(Model model, float[] x, int rows, StepContext context) {
        return model.forwardBackward(x, rows, context);
    }
}
