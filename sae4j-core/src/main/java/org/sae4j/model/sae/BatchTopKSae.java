package org.sae4j.model.sae;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Selection;
import org.sae4j.tensor.SparseCode;

/**
 * BatchTopK (Bussmann et al. 2024): in training the k·batch largest positive pre-activations of the whole
 * batch are kept, so samples share a budget. Inference cannot depend on the batch, so it applies a learned
 * threshold θ instead, f = pre · [pre > θ], where θ is a moving average (β = 0.999, as in
 * dictionary_learning) of the smallest kept activation of each training batch. That is JumpReLU with the same
 * θ for every latent, which is how it exports (SAELens #608: losing θ on export breaks the model).
 */
public class BatchTopKSae extends KSparseSae {
    static final double THRESHOLD_BETA = 0.999;
    private double threshold = Double.NaN;

    BatchTopKSae(SaeConfig config, Kernels kernels) {
        super(config, kernels, List.<Parameter>of());
    }

    /** The inference threshold θ; NaN until the first training step (inference then keeps each sample's top k). */
    public double threshold() {
        return threshold;
    }

    @Override
    protected SparseCode select(float[] product, float[] bias, int batch, int k, boolean training) {
        if (training) {
            return Selection.topKOfBatch(product, bias, batch, width, Math.multiplyExact(k, batch));
        }
        if (Double.isNaN(threshold)) {
            return Selection.topKPerRow(product, bias, batch, width, k);
        }
        return Selection.aboveThreshold(product, bias, batch, width, (float) threshold);
    }

    /** The step's result carries the batch's smallest kept activation, which the threshold follows. */
    @Override
    public BatchResult forwardBackward(float[] x, int batch, StepContext context) {
        BatchResult r = super.forwardBackward(x, batch, context);
        SparseCode code = r.sparse();
        float min = Float.POSITIVE_INFINITY;
        for (int e = 0; e < code.size(); e++) {
            min = Math.min(min, code.value()[e]);
        }
        return r.withMinKept(code.size() == 0 ? Double.NaN : min);
    }

    /**
     * θ follows the smallest kept activation of each training batch. With a data-parallel step, that value is the
     * minimum over the partitions' results, which is the whole batch's.
     */
    @Override
    public void afterStep(BatchResult step) {
        super.afterStep(step);
        double minKept = step.minKept();
        if (!Double.isNaN(minKept)) {
            // Rounded to float every step: the buffer a checkpoint holds is a float, so a resumed run must
            // continue from exactly the value this one continues from.
            threshold = (float) (Double.isNaN(threshold) ? minKept
                    : THRESHOLD_BETA * threshold + (1 - THRESHOLD_BETA) * minKept);
        }
    }

    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> b = super.buffers();
        b.put("threshold", new float[] {(float) threshold});
        return b;
    }

    @Override
    public void setBuffer(String name, float[] values) {
        if (!name.equals("threshold") || values.length != 1) {
            super.setBuffer(name, values);
        }
        threshold = values[0];
    }

    @Override
    public float[] exportThreshold() {
        float[] t = new float[width];
        Arrays.fill(t, Double.isNaN(threshold) ? 0f : (float) threshold);
        return t;
    }
}
