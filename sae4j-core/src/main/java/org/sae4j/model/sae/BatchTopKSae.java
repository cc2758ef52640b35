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
 * threshold θ instead, f = pre · [pre > θ], where θ is a moving average of the smallest kept activation of each
 * training batch. That is JumpReLU with the same θ for every latent, which is how it exports (SAELens #608: losing θ
 * on export breaks the model).
 */
public class BatchTopKSae extends KSparseSae {
    /**
     * The average's weight on the past: about a hundred batches, debiased as Adam's moments are (divided by the
     * weight it has gathered, 1 − β^steps). Why not dictionary_learning's 0.999 from the first batch's value: on a
     * run of a thousand steps that kept 37% of the weight on the first batch's minimum, and the rest on a model still
     * learning; on issue 18's Zipf task (R^96, k 8) the held-out L0 was 4.82 and the FVU 0.152, where this reads 7.76
     * and 0.112 (0.999 debiased: 6.69 and 0.120).
     */
    static final double THRESHOLD_BETA = 0.99;
    private double threshold = Double.NaN;
    /** The weight the average has gathered, 1 − β^steps; NaN from a file that predates it (taken as 1 then). */
    private double thresholdWeight = Double.NaN;

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
            double w = Double.isNaN(threshold) ? 0 : Double.isNaN(thresholdWeight) ? 1 : thresholdWeight;
            double sum = (Double.isNaN(threshold) ? 0 : threshold * w) * THRESHOLD_BETA + (1 - THRESHOLD_BETA) * minKept;
            w = THRESHOLD_BETA * w + (1 - THRESHOLD_BETA);
            threshold = (float) (sum / w);
            thresholdWeight = (float) w;
        }
    }

    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> b = super.buffers();
        b.put("threshold", new float[] {(float) threshold});
        b.put("threshold_weight", new float[] {(float) thresholdWeight});
        return b;
    }

    @Override
    public void setBuffer(String name, float[] values) {
        if (name.equals("threshold_weight") && values.length == 1) {
            thresholdWeight = values[0];
            return;
        }
        if (!name.equals("threshold") || values.length != 1) {
            super.setBuffer(name, values); // which refuses a name it does not know
            return;
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
