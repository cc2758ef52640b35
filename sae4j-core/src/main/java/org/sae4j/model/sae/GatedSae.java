package org.sae4j.model.sae;

import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.StepContext;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;

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
        return " (lambda=" + config.coefficient() + ")";
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

    @Override
    public BatchResult forwardBackward(float[] rows, int batch, StepContext context) {
        zeroGrads();
        float[] x = inputs(rows, batch);
        float[] y = target(rows, batch);
        float[] xc = encoderInput(x, batch);
        Paths p = paths(xc, batch);
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
}
