package org.sae4j.model.sae;

import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.tensor.Kernels;

/**
 * The standard SAE of Anthropic's April 2024 update (SAELens "standard"): f = ReLU(pre), and
 * loss = MSE + λ · mean_b Σ_i f_b,i · ‖W_dec,i‖. Weighting by the decoder norm stops the model from
 * shrinking f and growing W_dec to dodge the penalty, so the decoder needs no norm constraint.
 */
public final class StandardSae extends SparseAutoencoder {

    StandardSae(SaeConfig config, Kernels kernels) {
        super(config, kernels, List.of());
    }

    @Override
    protected String describeSparsity() {
        return " (lambda=" + config.coefficient() + ")";
    }

    @Override
    public float[] encode(float[] x, int batch) {
        return relu(preActivations(encoderInput(x, batch), batch, bEnc.value()));
    }

    @Override
    public BatchResult evaluate(float[] x, int batch) {
        float[] f = encode(x, batch);
        float[] out = decode(f, batch);
        return BatchResult.dense(mse(out, x, batch * d, null, 1.0), normWeightedL1(f, batch, decoderNorms(), 1.0), 0, out, f);
    }

    @Override
    public BatchResult forwardBackward(float[] x, int batch, StepContext context) {
        zeroGrads();
        float[] xc = encoderInput(x, batch);
        float[] pre = preActivations(xc, batch, bEnc.value());
        float[] f = relu(pre);
        float[] out = decode(f, batch);
        float[] g = new float[batch * d];
        double mse = mse(out, x, batch * d, g, 1.0);
        float[] norms = decoderNorms();
        double penalty = normWeightedL1(f, batch, norms, context.sparsityScale());
        float[] df = decoderBackward(f, g, batch);

        // d penalty / d f_bi = λ‖W_dec,i‖ / B;  d penalty / d W_dec,i = λ (Σ_b f_bi / B) · W_dec,i / ‖W_dec,i‖.
        double lambda = config.coefficient() * context.sparsityScale();
        normWeightedL1DecoderGrad(f, batch, norms, lambda);
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < width; i++) {
                int at = r * width + i;
                df[at] = pre[at] > 0f ? df[at] + (float) (lambda * norms[i] / batch) : 0f;
            }
        }
        encoderBackward(df, xc, batch, bEnc.grad());
        return BatchResult.dense(mse, penalty, 0, out, f);
    }

    static float[] relu(float[] pre) {
        float[] f = new float[pre.length];
        for (int i = 0; i < pre.length; i++) {
            f[i] = Math.max(pre[i], 0f);
        }
        return f;
    }
}
