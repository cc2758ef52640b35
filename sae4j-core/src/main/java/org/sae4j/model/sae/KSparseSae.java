package org.sae4j.model.sae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.Parameter;
import org.sae4j.nn.RowConstraints;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.PhaseTimer;
import org.sae4j.tensor.SparseCode;
import org.sae4j.tensor.SparseKernels;
import org.sae4j.tensor.TotalVariance;

/**
 * The k-sparse families (topk, batchtopk, matryoshka): the latents stay sparse (indices + values) through
 * the whole step, so after the encoder's dense pre-activation product everything costs O(batch · k · d_in):
 * the decoder is a gather-sum of the selected rows, its gradient a scatter-add into them, and the encoder's
 * weight gradient touches the selected latents only. Decoder rows are kept at unit norm: the optimizer removes
 * the gradient's component along each row and renormalises the row after its update ({@link #rowConstraints}).
 *
 * <p>With dead latents known, the AuxK loss (OpenAI, Gao et al. 2024) lets the top {@code auxK} dead latents
 * reconstruct the residual e = x − x̂ (held constant):
 * aux = auxCoefficient · min(dead / auxK, 1) · (Σ(ê − e)² / Σ‖e − ē‖²) · Σ‖x − x̄‖² / (batch · d_out), with
 * ê = Σ f_aux,i · W_dec,i and the sums over the batch. Why this form: OpenAI and sparsify weigh AuxK's squared
 * error relative to the residual's variance, so the auxiliary term keeps its weight however well the main path
 * already reconstructs; the last factor turns that into the per-value units of the MSE, so aux/MSE is theirs.
 * Measured (scripts/compare-recovery.py, zipf96 task): the plain per-value form was 1/(32·FVU) times weaker and
 * left 37% of the latents dead against 13%, MMCS 0.915 against 0.937. For a transcoder the residual is y − ŷ.
 */
public abstract class KSparseSae extends SparseAutoencoder {
    /** Most pre-activations {@link #encodeSparse} holds at once (16 MB); tests lower it to make tiles of small models. */
    static volatile int tileValues = 1 << 22;

    /** The decoder's rows, kept at unit norm by the optimizer (see {@link DecoderNorm}). */
    private final RowConstraints unitDecoderRows;

    protected KSparseSae(SaeConfig config, Kernels kernels, List<Parameter> extra) {
        super(config, kernels, extra);
        unitDecoderRows = RowConstraints.of(wDec, new DecoderNorm(dOut));
    }

    /**
     * The latents kept for a batch whose pre-activations are {@code product + bias} (the bias added to every
     * row), with their (non-negative) values. The bias is added in the selecting pass, so each row of the
     * encoder product is read once after the product wrote it, and the sum is never stored.
     */
    protected abstract SparseCode select(float[] product, float[] bias, int batch, int k, boolean training);

    /**
     * The reconstruction x̂ (batch × d_out), the training loss on it, and the output gradient the entries read
     * (Matryoshka overrides this). The first batch rows of the gradient are what b_dec and W_skip receive.
     */
    protected record Reconstruction(float[] output, double loss, float[] grad, int[] gradRow) {
    }

    /** x̂ = f·W_dec + b_dec (+ x·W_skipᵀ) and its plain MSE against the target; gradient rows are the entries' own. */
    protected Reconstruction reconstruction(SparseCode code, float[] x, float[] target, int batch) {
        float[] out = reconstructSparse(code, x, batch);
        float[] g = new float[batch * dOut];
        return new Reconstruction(out, mse(out, target, batch * dOut, g, 1.0), g, null);
    }

    @Override
    protected String describeSparsity() {
        return " (k=" + config.k() + ")";
    }

    @Override
    public double trainingFlopsPerSample() {
        // Encoder forward (dense), then per kept latent: decoder forward, its two gradients (d_out each), and
        // the encoder's weight and input gradients (d_in each).
        return 2.0 * d * width + (6.0 * dOut + 4.0 * d) * config.k();
    }

    @Override
    public float[] encode(float[] x, int batch) {
        return encodeSparse(x, batch).toDense();
    }

    /**
     * The kept latents straight from the selection, never as a dense batch × width code. The encoder's
     * pre-activations are still a dense product, so a wide model takes the batch in tiles of at most
     * {@link #tileValues} of them: the scratch stays bounded (16 MB) however wide the model or long the batch.
     * Each pre-activation is one sum in term order whatever the tile, so tiling changes no bit.
     */
    @Override
    public SparseCode encodeSparse(float[] x, int batch) {
        int tile = Math.max(1, tileValues / width);
        if (batch <= tile) {
            return encodeTile(x, batch);
        }
        List<SparseCode> parts = new ArrayList<>();
        for (int from = 0; from < batch; from += tile) {
            int to = Math.min(batch, from + tile);
            parts.add(encodeTile(Arrays.copyOfRange(x, from * d, to * d), to - from));
        }
        return SparseCode.concat(parts, width);
    }

    private SparseCode encodeTile(float[] x, int batch) {
        return select(encoderProduct(encoderInput(x, batch), batch), bEnc.value(), batch, config.k(), false)
                .withoutZeros();
    }

    @Override
    public BatchResult evaluate(float[] rows, int batch) {
        float[] x = inputs(rows, batch);
        SparseCode code = select(encoderProduct(encoderInput(x, batch), batch), bEnc.value(), batch, config.k(), false);
        float[] out = reconstructSparse(code, x, batch);
        return BatchResult.sparse(mse(out, target(rows, batch), batch * dOut, null, 1.0), 0, 0, out, code);
    }

    @Override
    public BatchResult forwardBackward(float[] rows, int batch, StepContext context) {
        PhaseTimer.start();
        zeroGrads();
        float[] x = inputs(rows, batch);
        float[] target = target(rows, batch);
        float[] xc = encoderInput(x, batch);
        PhaseTimer.lap("zero grads, input");
        float[] product = encoderProduct(xc, batch);
        PhaseTimer.lap("encoder product");
        // k annealing: the trainer may ask for more
        SparseCode code = select(product, bEnc.value(), batch, context.k(config.k()), true);
        PhaseTimer.lap("bias, ReLU, top-k selection");
        Reconstruction rec = reconstruction(code, x, target, batch);
        float[] out = rec.output();
        PhaseTimer.lap("sparse decode, loss");
        // b_dec and W_skip get the output gradient of the full reconstruction; Matryoshka's first block holds it.
        kernels.columnSums(rec.grad(), bDec.grad(), batch, dOut, true);
        skipBackward(rec.grad(), x, batch);
        SparseCode.Columns columns = code.columns();
        float[] dpre = latentBackward(code, columns, rec.grad(), rec.gradRow());
        PhaseTimer.lap("decoder backward");
        float[] dInput = config.applyBDecToInput() ? new float[batch * d] : null;
        sparse.encoderBackward(code, columns, dpre, xc, dInput);
        PhaseTimer.lap("encoder backward");

        double aux = 0;
        int dead = context.deadCount();
        if (config.usesAuxK() && dead > 0) {
            aux = auxK(product, target, out, batch, context.dead(), dead, xc, dInput);
        }
        if (dInput != null) {
            subtractColumnSums(dInput, batch, bDec.grad());
        }
        PhaseTimer.lap("input gradient");
        return BatchResult.sparse(rec.loss(), 0, aux, out, code);
    }

    /** W_dec's gradient from the latents, and the gradient of each kept pre-activation (ReLU passes v > 0). */
    private float[] latentBackward(SparseCode code, SparseCode.Columns columns, float[] g, int[] gradRow) {
        float[] dv = new float[code.size()];
        SparseKernels.valueGrad(code, columns, g, gradRow, wDec.value(), dOut, dv);
        SparseKernels.scatterAdd(code, columns, code.value(), g, gradRow, dOut, wDec.grad(), null);
        for (int e = 0; e < dv.length; e++) {
            if (!(code.value()[e] > 0f)) {
                dv[e] = 0f;
            }
        }
        return dv;
    }

    /** Adds the AuxK gradients and returns the weighted AuxK loss; {@code target} is what {@code out} reconstructs. */
    private double auxK(float[] product, float[] target, float[] out, int batch, boolean[] dead, int deadCount,
                        float[] xc, float[] dInput) {
        SparseCode auxCode = AuxK.select(product, bEnc.value(), batch, width, dead, config.auxK());
        PhaseTimer.lap("auxk selection");
        float[] residual = new float[batch * dOut];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = target[i] - out[i];
        }
        float[] recon = new float[batch * dOut];
        SparseKernels.decode(auxCode, wDec.value(), null, dOut, recon);
        double scale = config.auxCoefficient() * Math.min((double) deadCount / config.auxK(), 1.0);
        double[] tv = TotalVariance.ofBoth(residual, target, batch, dOut); // the residual's, the target's
        double perValue = tv[0] > 0 ? scale * tv[1] / tv[0] : 0;
        float[] g = new float[batch * dOut];
        double loss = perValue * mse(recon, residual, batch * dOut, g, perValue);
        PhaseTimer.lap("auxk decode, loss");
        SparseCode.Columns columns = auxCode.columns();
        float[] dpre = latentBackward(auxCode, columns, g, null);
        PhaseTimer.lap("auxk decoder backward");
        sparse.encoderBackward(auxCode, columns, dpre, xc, dInput);
        PhaseTimer.lap("auxk encoder backward");
        return loss;
    }

    @Override
    public RowConstraints rowConstraints() {
        return unitDecoderRows;
    }
}
