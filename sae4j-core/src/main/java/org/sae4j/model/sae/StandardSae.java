package org.sae4j.model.sae;

import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.SparseCode;
import org.sae4j.tensor.SparseKernels;

/**
 * The standard SAE of Anthropic's April 2024 update (SAELens "standard"): f = ReLU(pre), and
 * loss = MSE + λ · mean_b Σ_i f_b,i · ‖W_dec,i‖ (the MSE against a transcoder's target). Weighting by the decoder norm stops the model from
 * shrinking f and growing W_dec to dodge the penalty, so the decoder needs no norm constraint. A batch whose
 * latents are mostly zero takes a sparse step ({@link SparseAutoencoder#SPARSE_BELOW_ONE_IN}).
 */
public final class StandardSae extends NormWeightedSae {

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
    public BatchResult evaluate(float[] rows, int batch) {
        float[] x = inputs(rows, batch);
        float[] f = encode(x, batch);
        float[] out = reconstruct(f, x, batch);
        return BatchResult.dense(mse(out, target(rows, batch), batch * dOut, null, 1.0),
                normWeightedL1(f, batch, decoderNorms(), 1.0), 0, out, f);
    }

    @Override
    public BatchResult forwardBackward(float[] rows, int batch, StepContext context) {
        zeroGrads();
        float[] x = inputs(rows, batch);
        float[] y = target(rows, batch);
        float[] xc = encoderInput(x, batch);
        float[] pre = preActivations(xc, batch, bEnc.value());
        float[] f = relu(pre);
        float[] norms = decoderNorms();
        if (takesSparseStep(nonZeros(f), batch)) {
            return sparseStep(x, y, xc, f, norms, context.sparsityScale(), batch);
        }
        float[] out = reconstruct(f, x, batch);
        float[] g = new float[batch * dOut];
        double mse = mse(out, y, batch * dOut, g, 1.0);
        double penalty = normWeightedL1(f, batch, norms, context.sparsityScale());
        float[] df = decoderBackward(f, g, batch);
        skipBackward(g, x, batch);

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

    /**
     * The dense step's loss and gradients for a batch whose latents are mostly zero: every product runs over
     * the active entries only, and the penalty's W_dec gradient needs just Σ_b f_b,i, summed down the code's
     * columns.
     */
    private BatchResult sparseStep(float[] x, float[] y, float[] xc, float[] f, float[] norms, double scale, int batch) {
        double lambda = config.coefficient() * scale;
        SparseCode code = SparseCode.fromDense(f, batch, width);
        SparseCode.Columns columns = code.columns();
        float[] out = reconstructSparse(code, x, batch);
        float[] g = new float[batch * dOut];
        double mse = mse(out, y, batch * dOut, g, 1.0);
        double penalty = normWeightedL1(code, norms, scale);
        sparse.decoderBackward(code, columns, g, batch);
        skipBackward(g, x, batch);
        float[] sums = new float[width];
        for (int i = 0; i < width; i++) {
            for (int p = columns.colStart()[i]; p < columns.colStart()[i + 1]; p++) {
                sums[i] += code.value()[columns.entries()[p]];
            }
        }
        normWeightedL1DecoderGradOfSums(sums, batch, norms, lambda);
        float[] df = new float[code.size()];
        SparseKernels.valueGrad(code, columns, g, null, wDec.value(), dOut, df);
        for (int e = 0; e < df.length; e++) {
            // The code holds f > 0 (and NaN, which the dense path's pre > 0 also stops).
            df[e] = code.value()[e] > 0f ? df[e] + (float) (lambda * norms[code.index()[e]] / batch) : 0f;
        }
        sparse.encoderBackward(code, columns, df, xc, batch, bEnc.grad());
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
