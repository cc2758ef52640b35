package org.sae4j.train;

import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.StepContext;

/**
 * Where a training step's forward and backward pass runs: in this thread ({@link LocalSteps}), split over
 * partitions whose results are reduced ({@link SplitSteps}, the shape of a data-parallel round), or elsewhere
 * (a cluster, a device). Everything after it, the {@link Update} of the parameters and the trainer's counters,
 * is the same for every engine.
 *
 * <p>The contract: after {@code step}, every parameter's {@code grad} holds the gradient of the mean objective
 * over the {@code rows} rows of {@code x} (a reduction weights each partition's mean by its rows, so the sum is
 * exact up to rounding), and the result holds the loss terms as means over the rows, the reconstruction and
 * latents of all rows in order, and BatchTopK's smallest kept activation (the minimum over partitions).
 */
public interface StepEngine {
    BatchResult step(Model model, float[] x, int rows, StepContext context);
}
