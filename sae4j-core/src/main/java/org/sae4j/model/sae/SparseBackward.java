package org.sae4j.model.sae;

import org.sae4j.tensor.SparseCode;
import org.sae4j.tensor.SparseKernels;

/**
 * The explicit sparse backward of an SAE step: for latents held as a {@link SparseCode}, the decode against the
 * targets and every gradient below it, computed by hand over the active entries only (gather-sum, scatter-add),
 * never through a dense batch × width product. This is the idea of EleutherAI sparsify's {@code fused_encoder.py},
 * whose autograd function writes the backward of a sparse code itself.
 *
 * <p>Why a class of its own: {@link SparseAutoencoder} is what a model is (its parameters, forward pass and dense
 * backward); this is one way of training it, shared by the architectures that take sparse steps (standard and
 * jumprelu below {@link SparseAutoencoder#SPARSE_BELOW_ONE_IN}, jumprelu and gated under a budget, the k-sparse
 * families always). It reads and writes the model's own parameters and gradients, and runs every sum in the same
 * order as the code it was taken from, so a step's bits do not depend on where this code lives.
 */
final class SparseBackward {
    private final SparseAutoencoder model;

    SparseBackward(SparseAutoencoder model) {
        this.model = model;
    }

    /**
     * A sparse code's reconstruction, its MSE, dL/dx̂ and the code's columns; dL/df on the code's entries, or null where
     * the caller reads the gradient at other entries ({@link #decode}).
     */
    record SparseReconstruction(float[] output, double mse, float[] dOutput, float[] df, SparseCode.Columns columns) {
    }

    /**
     * Decodes {@code code} against targets {@code y} and passes back to the code: W_dec, b_dec (and W_skip) get
     * their gradients, and the result holds dL/df per entry of the code.
     */
    SparseReconstruction reconstruction(SparseCode code, float[] x, float[] y, int batch) {
        SparseReconstruction r = decode(code, x, y, batch);
        float[] df = new float[code.size()];
        SparseKernels.valueGrad(code, r.columns(), r.dOutput(), null, model.wDec.value(), model.dOut, df);
        return new SparseReconstruction(r.output(), r.mse(), r.dOutput(), df, r.columns());
    }

    /** {@link #reconstruction} up to dL/dx̂: W_dec, b_dec (and W_skip) get their gradients; no dL/df. */
    SparseReconstruction decode(SparseCode code, float[] x, float[] y, int batch) {
        float[] out = model.reconstructSparse(code, x, batch);
        float[] g = new float[batch * model.dOut];
        double mse = SparseAutoencoder.mse(out, y, batch * model.dOut, g, 1.0);
        SparseCode.Columns columns = code.columns();
        decoderBackward(code, columns, g, batch);
        model.skipBackward(g, x, batch);
        return new SparseReconstruction(out, mse, g, null, columns);
    }

    /**
     * {@link SparseAutoencoder#decoderBackward} for sparse latents, without df (callers compute it where they read
     * it): W_dec, b_dec.
     */
    void decoderBackward(SparseCode code, SparseCode.Columns columns, float[] g, int batch) {
        model.kernels.columnSums(g, model.bDec.grad(), batch, model.dOut, true);
        SparseKernels.scatterAdd(code, columns, code.value(), g, null, model.dOut, model.wDec.grad(), null);
    }

    /**
     * {@link SparseAutoencoder#encoderBackward} for a pre-activation gradient held on the entries of {@code code}:
     * W_enc and b_enc, and the pull on the encoder input added to {@code dInput} when that is not null.
     */
    void encoderBackward(SparseCode code, SparseCode.Columns columns, float[] dpre, float[] xc, float[] dInput) {
        SparseKernels.scatterAdd(code, columns, dpre, xc, null, model.d, model.wEnc.grad(), model.bEnc.grad());
        if (dInput != null) {
            SparseKernels.gatherAdd(code, dpre, model.wEnc.value(), model.d, dInput);
        }
    }

    /**
     * The same into {@code biasGrad} instead of b_enc's gradient (null: no bias takes one, as gated's b_gate under a
     * budget), with b_dec's share through the encoder input applied at once.
     */
    void encoderBackward(SparseCode code, SparseCode.Columns columns, float[] dpre, float[] xc, int batch,
                         float[] biasGrad) {
        float[] dInput = model.config.applyBDecToInput() ? new float[batch * model.d] : null;
        SparseKernels.scatterAdd(code, columns, dpre, xc, null, model.d, model.wEnc.grad(), biasGrad);
        if (dInput != null) {
            SparseKernels.gatherAdd(code, dpre, model.wEnc.value(), model.d, dInput);
            model.subtractColumnSums(dInput, batch, model.bDec.grad());
        }
    }
}
