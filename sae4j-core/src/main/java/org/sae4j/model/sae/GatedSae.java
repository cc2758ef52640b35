package org.sae4j.model.sae;

import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Preparation;
import org.sae4j.model.StepContext;
import org.sae4j.model.sae.SparseBackward.SparseReconstruction;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Selection;
import org.sae4j.tensor.SparseCode;

/**
 * Gated SAE (Rajamanoharan et al. 2024), SAELens "gated": the gate path decides which latents fire and the
 * magnitude path how strongly, sharing W_enc (the magnitude path rescales it per latent by exp(r_mag)):
 * <pre>
 *   z = (x − b_dec)·W_encᵀ;  π_gate = z + b_gate;  π_mag = exp(r_mag) ⊙ z + b_mag
 *   f = H(π_gate) ⊙ ReLU(π_mag);  x̂ = f·W_dec + b_dec
 *   loss = MSE(x̂, x) + λ·mean_b Σ_i ReLU(π_gate)_i·‖W_dec,i‖ + MSE(ReLU(π_gate)·sg(W_dec) + sg(b_dec), x)
 * </pre>
 * The last (auxiliary) term trains the gate to reconstruct on its own; sg() stops its gradient reaching the
 * decoder. b_gate is stored as {@code encoder.bias}. A transcoder compares both reconstructions with its target y,
 * and a skip transcoder adds x·W_skipᵀ to both (stopped in the auxiliary one, like the decoder).
 *
 * <p>With a target L0 the trainer sets no λ. The gate opens where π_mag > θ_i = b_mag,i − exp(r_mag,i)·b_gate,i (as
 * z > −b_gate), so a gated SAE is a JumpReLU on π_mag with that θ (Rajamanoharan et al. 2024, who tie the two), and
 * θ follows a top-k budget as JumpReLU's thresholds do ({@link #budgetStep}); the L1 and auxiliary terms take no part.
 */
public final class GatedSae extends NormWeightedSae {
    private final Parameter rMag;
    private final Parameter bMag;
    /** Tests hold the auxiliary term's decoder fixed to check the other gradients by finite differences. */
    private float[][] frozenAuxDecoder;

    GatedSae(SaeConfig config, Kernels kernels) {
        this(config, kernels, new Parameter("r_mag", new int[] {config.width()}, false),
                new Parameter("b_mag", new int[] {config.width()}, false));
    }

    private GatedSae(SaeConfig config, Kernels kernels, Parameter rMag, Parameter bMag) {
        super(config, kernels, List.of(rMag, bMag));
        this.rMag = rMag;
        this.bMag = bMag;
    }

    public Parameter rMag() {
        return rMag;
    }

    public Parameter bMag() {
        return bMag;
    }

    void freezeAuxDecoder(float[] w, float[] b) {
        freezeAuxDecoder(w, b, null);
    }

    /** The same with a skip transcoder's W_skip held fixed in the auxiliary term too. */
    void freezeAuxDecoder(float[] w, float[] b, float[] skip) {
        frozenAuxDecoder = w == null ? null : new float[][] {w, b, skip};
    }

    @Override
    protected String describeSparsity() {
        String budget = trainedBudget();
        return budget != null ? budget : " (lambda=" + config.coefficient() + ")";
    }

    private record Paths(float[] z, float[] gate, float[] mag, float[] scale, float[] f) {
    }

    private Paths paths(float[] xc, int batch) {
        float[] z = new float[batch * width];
        kernels.matmulTransB(xc, wEnc.value(), z, batch, d, width, false);
        float[] scale = new float[width];
        for (int i = 0; i < width; i++) {
            scale[i] = (float) StrictMath.exp(rMag.value()[i]);
        }
        float[] gate = new float[z.length];
        float[] mag = new float[z.length];
        float[] f = new float[z.length];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < width; i++) {
                int at = r * width + i;
                gate[at] = z[at] + bEnc.value()[i];
                mag[at] = scale[i] * z[at] + bMag.value()[i];
                f[at] = gate[at] > 0f ? Math.max(mag[at], 0f) : 0f;
            }
        }
        return new Paths(z, gate, mag, scale, f);
    }

    @Override
    public float[] encode(float[] x, int batch) {
        return paths(encoderInput(x, batch), batch).f();
    }

    @Override
    public BatchResult evaluate(float[] rows, int batch) {
        float[] x = inputs(rows, batch);
        float[] y = target(rows, batch);
        Paths p = paths(encoderInput(x, batch), batch);
        float[] out = reconstruct(p.f(), x, batch);
        float[] gateRelu = StandardSae.relu(p.gate());
        float[] auxOut = reconstruct(gateRelu, x, batch);
        float[] norms = decoderNorms();
        return BatchResult.dense(mse(out, y, batch * dOut, null, 1.0), normWeightedL1(gateRelu, batch, norms, 1.0),
                mse(auxOut, y, batch * dOut, null, 1.0), out, p.f());
    }

    /** A fresh model trained to a target L0 starts from unit decoder rows, as the k-sparse family does. */
    @Override
    public void prepare(Preparation preparation) {
        super.prepare(preparation);
        if (preparation.centre() != null && !Double.isNaN(preparation.targetL0())) {
            ThresholdBudget.unitRows(wEnc.value(), wDec.value(), width, d, dOut);
        }
    }

    @Override
    public BatchResult forwardBackward(float[] rows, int batch, StepContext context) {
        zeroGrads();
        float[] x = inputs(rows, batch);
        float[] y = target(rows, batch);
        float[] xc = encoderInput(x, batch);
        Paths p = paths(xc, batch);
        if (context.budget() > 0) {
            return budgetStep(x, y, xc, p, batch, context);
        }
        float[] out = reconstruct(p.f(), x, batch);
        float[] g = new float[batch * dOut];
        double mse = mse(out, y, batch * dOut, g, 1.0);
        float[] gateRelu = StandardSae.relu(p.gate());
        float[] norms = decoderNorms();
        double penalty = normWeightedL1(gateRelu, batch, norms, context.sparsityScale());
        float[] df = decoderBackward(p.f(), g, batch);
        skipBackward(g, x, batch);

        // The auxiliary reconstruction through a stopped-gradient decoder (and skip).
        float[] auxW = frozenAuxDecoder != null ? frozenAuxDecoder[0] : wDec.value();
        float[] auxB = frozenAuxDecoder != null ? frozenAuxDecoder[1] : bDec.value();
        float[] auxOut = new float[batch * dOut];
        kernels.matmul(gateRelu, auxW, auxOut, batch, width, dOut, false);
        kernels.addToRows(auxOut, auxB, batch, dOut);
        if (frozenAuxDecoder != null && frozenAuxDecoder[2] != null) {
            kernels.matmulTransB(x, frozenAuxDecoder[2], auxOut, batch, d, dOut, true);
        } else {
            addSkip(x, auxOut, batch);
        }
        float[] gAux = new float[batch * dOut];
        double aux = mse(auxOut, y, batch * dOut, gAux, 1.0);
        float[] dGate = new float[batch * width];
        kernels.matmulTransB(gAux, auxW, dGate, batch, dOut, width, false);

        double lambda = config.coefficient() * context.sparsityScale();
        normWeightedL1DecoderGrad(gateRelu, batch, norms, lambda);
        float[] dz = new float[batch * width];
        float[] gBMag = bMag.grad();
        float[] gRMag = rMag.grad();
        float[] gBGate = bEnc.grad();
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < width; i++) {
                int at = r * width + i;
                boolean open = p.gate()[at] > 0f;
                float dMag = open && p.mag()[at] > 0f ? df[at] : 0f;
                float dG = open ? dGate[at] + (float) (lambda * norms[i] / batch) : 0f;
                gBMag[i] += dMag;
                gRMag[i] += dMag * p.scale()[i] * p.z()[at];
                gBGate[i] += dG;
                dz[at] = dMag * p.scale()[i] + dG;
            }
        }
        encoderBackward(dz, xc, batch, new float[width]);
        return BatchResult.dense(mse, penalty, aux, out, p.f());
    }

    /**
     * A step under a budget of L* latents per sample ({@link ThresholdBudget}, applied to π_mag): the gates open on
     * each sample's top ⌈L*⌉ π_mag while the budget selects, then where π_gate > 0; an open latent contributes
     * ReLU(π_mag) and trains with its exact gradients (W_enc, r_mag, b_mag through the magnitude path). The result
     * carries π_mag's splits, which {@link #afterStep} moves θ toward through b_gate; b_gate gets no gradient.
     */
    private BatchResult budgetStep(float[] x, float[] y, float[] xc, Paths p, int batch, StepContext context) {
        ThresholdBudget.Marks marks = ThresholdBudget.mark(p.mag(), batch, width, context.budget());
        SparseCode open = context.budgetSelects() ? marks.top()
                : Selection.aboveThresholds(p.gate(), new float[width], batch, width, new float[width]);
        float[] f = new float[open.size()];
        for (int r = 0; r < batch; r++) {
            for (int e = open.rowStart()[r]; e < open.rowStart()[r + 1]; e++) {
                f[e] = Math.max(p.mag()[r * width + open.index()[e]], 0f);
            }
        }
        SparseCode code = new SparseCode(batch, width, open.rowStart(), open.index(), f);
        SparseReconstruction rec = sparse.reconstruction(code, x, y, batch);
        float[] df = rec.df();
        float[] dz = new float[code.size()];
        for (int r = 0; r < batch; r++) {
            for (int e = code.rowStart()[r]; e < code.rowStart()[r + 1]; e++) {
                int i = code.index()[e];
                float dMag = f[e] > 0f ? df[e] : 0f;
                bMag.grad()[i] += dMag;
                rMag.grad()[i] += dMag * p.scale()[i] * p.z()[r * width + i];
                dz[e] = dMag * p.scale()[i];
            }
        }
        sparse.encoderBackward(code, rec.columns(), dz, xc, batch, null);
        return BatchResult.sparse(rec.mse(), 0, 0, rec.output(), code.withoutZeros()).withSplits(marks.splits());
    }

    /**
     * After a budgeted step θ_i = b_mag,i − exp(r_mag,i)·b_gate,i moves toward a positive split as JumpReLU's does
     * ({@link ThresholdBudget#SPLIT_BETA}), through b_gate (b_mag and r_mag train as magnitudes).
     */
    @Override
    public void afterStep(BatchResult step) {
        super.afterStep(step);
        float[] splits = step.splits();
        if (splits == null) {
            return;
        }
        float[] b = bEnc.value();
        for (int i = 0; i < width; i++) {
            if (splits[i] > 0f) {
                double scale = StrictMath.exp(rMag.value()[i]);
                double theta = bMag.value()[i] - scale * b[i];
                double next = ThresholdBudget.SPLIT_BETA * theta + (1 - ThresholdBudget.SPLIT_BETA) * splits[i];
                b[i] = (float) ((bMag.value()[i] - next) / scale);
            }
        }
    }
}
