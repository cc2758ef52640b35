package org.sae4j.loss;

import java.util.Arrays;
import org.sae4j.InvalidInputException;

/**
 * How far a reconstruction is from its input. MSE and BCE average over every value of the batch, as Keras
 * does; SSE is the per-sample ½‖x̂ − x‖² of Ng's CS294A notes, whose scale the classic penalty weights
 * (β = 3, λ = 1e-4) were tuned for.
 */
public enum ReconstructionLoss {
    /** Mean squared error: mean (p - t)². */
    MSE("mse") {
        @Override
        public double evaluate(float[] pred, float[] target, int rows, int cols, float[] grad) {
            int count = rows * cols;
            double sum = 0;
            float scale = 2f / count;
            for (int i = 0; i < count; i++) {
                float d = pred[i] - target[i];
                sum += (double) d * d;
                if (grad != null) {
                    grad[i] = scale * d;
                }
            }
            return sum / count;
        }
    },
    /** Binary cross-entropy for outputs and targets in [0, 1]: mean −[t ln p + (1−t) ln(1−p)]. */
    BINARY_CROSS_ENTROPY("bce") {
        @Override
        public double evaluate(float[] pred, float[] target, int rows, int cols, float[] grad) {
            int count = rows * cols;
            double sum = 0;
            for (int i = 0; i < count; i++) {
                // Clamp like Keras (epsilon 1e-7) so saturated sigmoids give a finite loss and gradient.
                double p = Math.min(Math.max(pred[i], EPSILON), 1 - EPSILON);
                double t = target[i];
                sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
                if (grad != null) {
                    grad[i] = (float) ((p - t) / (p * (1 - p)) / count);
                }
            }
            return sum / count;
        }
    },
    /** Half the sum of squared errors per sample, averaged over the batch: mean_i ½ Σ_j (p_ij − t_ij)². */
    HALF_SSE("sse") {
        @Override
        public double evaluate(float[] pred, float[] target, int rows, int cols, float[] grad) {
            double sum = 0;
            float scale = 1f / rows;
            for (int i = 0; i < rows * cols; i++) {
                float d = pred[i] - target[i];
                sum += (double) d * d;
                if (grad != null) {
                    grad[i] = scale * d;
                }
            }
            return 0.5 * sum / rows;
        }
    };

    static final double EPSILON = 1e-7;

    private final String id;

    ReconstructionLoss(String id) {
        this.id = id;
    }

    /**
     * Returns the loss of {@code rows} samples of {@code cols} values and, when {@code grad} is not null,
     * writes d loss / d pred into it.
     */
    public abstract double evaluate(float[] pred, float[] target, int rows, int cols, float[] grad);

    /** The loss of {@code count} values taken as a single sample. */
    public double evaluate(float[] pred, float[] target, int count, float[] grad) {
        return evaluate(pred, target, 1, count, grad);
    }

    public String id() {
        return id;
    }

    public static ReconstructionLoss parse(String name) {
        if (name == null) {
            throw new InvalidInputException("No loss given; expected one of "
                    + Arrays.stream(values()).map(ReconstructionLoss::id).toList() + ".");
        }
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("binary_crossentropy") || n.equals("binary-cross-entropy") || n.equals("cross-entropy")) {
            return BINARY_CROSS_ENTROPY;
        }
        for (ReconstructionLoss l : values()) {
            if (l.id.equals(n)) {
                return l;
            }
        }
        throw new InvalidInputException("Unknown loss '" + name + "'; expected one of "
                + Arrays.stream(values()).map(ReconstructionLoss::id).toList() + ".");
    }
}
