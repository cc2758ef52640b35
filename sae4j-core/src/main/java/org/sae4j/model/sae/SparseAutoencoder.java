package org.sae4j.model.sae;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.model.Model;
import org.sae4j.model.ParameterSlice;
import org.sae4j.model.Preparation;
import org.sae4j.model.TrainedState;
import org.sae4j.model.TrainingTraits;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Rng;
import org.sae4j.tensor.SparseCode;
import org.sae4j.tensor.SparseKernels;

/**
 * A dictionary-learning SAE: one wide latent layer between an encoder and a linear decoder,
 * <pre>
 *   pre = (x − b_dec·[applyBDecToInput]) · W_encᵀ + b_enc      (batch × width)
 *   f   = σ(pre)                                               (the architecture's sparse activation)
 *   x̂   = f · W_dec + b_dec
 * </pre>
 * with W_enc and W_dec both stored [width, d_in] (row i is latent i's encoder and decoder direction, as in
 * sparsify and PyTorch's Linear.weight), so a latent's gradients are contiguous rows. Subclasses are the
 * architectures: the activation σ, the objective and its backward pass.
 */
public abstract class SparseAutoencoder extends TrainedState {
    /**
     * At or below this fraction of active latents in a batch, the ReLU-like architectures (standard,
     * jumprelu) take a sparse step: decoder by gather-sum, latent gradients only where they are read, weight
     * gradients by scatter-add. Sums then run in another order than the dense products, so the last bits
     * differ between the two paths; the choice is a function of the batch's values only (never of timing or
     * threads), so the same seed still gives the same model.
     */
    static final int SPARSE_BELOW_ONE_IN = 16;
    /** Tests set these to compare the two paths on one batch (dense wins when both are set). */
    static volatile boolean denseOnlyForTests;
    static volatile boolean sparseOnlyForTests;
    protected final SaeConfig config;
    protected final Kernels kernels;
    protected final int d;
    protected final int width;
    protected final Parameter wEnc;
    protected final Parameter bEnc;
    protected final Parameter wDec;
    protected final Parameter bDec;
    private final List<Parameter> parameters;

    protected SparseAutoencoder(SaeConfig config, Kernels kernels, List<Parameter> extra) {
        this.config = config;
        this.kernels = kernels;
        this.d = config.inputSize();
        this.width = config.width();
        int[] matrix = {width, d};
        Parameter.requireSize(matrix);
        wEnc = new Parameter("encoder.weight", matrix, true);
        bEnc = new Parameter("encoder.bias", new int[] {width}, false);
        wDec = new Parameter("W_dec", matrix, true);
        bDec = new Parameter("b_dec", new int[] {d}, false);
        List<Parameter> all = new ArrayList<>(List.of(wEnc, bEnc, wDec, bDec));
        all.addAll(extra);
        parameters = List.copyOf(all);
        initialise();
    }

    /** A fresh model of the configured architecture with the default kernels. */
    public static SparseAutoencoder create(SaeConfig config) {
        return create(config, Kernels.defaults());
    }

    public static SparseAutoencoder create(SaeConfig config, Kernels kernels) {
        SaeSize.requireBuildable(config);
        return switch (config.architecture()) {
            case STANDARD -> new StandardSae(config, kernels);
            case TOPK -> new TopKSae(config, kernels);
            case BATCHTOPK -> new BatchTopKSae(config, kernels);
            case MATRYOSHKA -> new MatryoshkaSae(config, kernels);
            case JUMPRELU -> new JumpReluSae(config, kernels);
            case GATED -> new GatedSae(config, kernels);
        };
    }

    /**
     * Decoder rows are random directions of norm {@code decoderInitNorm}, and W_enc = W_dec^T (the same rows
     * here), which starts every latent reconstructing along the direction it detects.
     */
    private void initialise() {
        Rng rng = Rng.forPurpose(config.seed(), "init");
        float[] w = wDec.value();
        float norm = (float) config.decoderInitNorm();
        for (int i = 0; i < width; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                float g = (float) rng.gaussian();
                w[i * d + j] = g;
                sq += (double) g * g;
            }
            float s = (float) (norm / Math.sqrt(Math.max(sq, 1e-30)));
            for (int j = 0; j < d; j++) {
                w[i * d + j] *= s;
            }
        }
        System.arraycopy(w, 0, wEnc.value(), 0, w.length);
    }

    public SaeConfig config() {
        return config;
    }

    public Architecture architecture() {
        return config.architecture();
    }

    /** Encoder rows [width, d_in]: latent i's pre-activation is (x − b_dec)·W_enc[i] + b_enc[i]. */
    public Parameter encoderWeight() {
        return wEnc;
    }

    public Parameter encoderBias() {
        return bEnc;
    }

    /** Decoder rows [width, d_in]. */
    public Parameter decoderWeight() {
        return wDec;
    }

    public Parameter decoderBias() {
        return bDec;
    }

    /** Sets b_dec, e.g. to the geometric median of a data sample (done by the trainer before the first step). */
    public void initDecoderBias(float[] center) {
        System.arraycopy(center, 0, bDec.value(), 0, d);
    }

    @Override
    public TrainingTraits traits() {
        Architecture a = architecture();
        return new TrainingTraits(true, a.usesCoefficient(), a == Architecture.STANDARD, a.usesK() ? config.k() : 0,
                a == Architecture.JUMPRELU);
    }

    @Override
    public void prepare(Preparation preparation) {
        if (preparation.centre() != null) {
            initDecoderBias(preparation.centre());
        }
    }

    /** See {@link LatentReset}. */
    @Override
    public List<ParameterSlice> reinitialise(boolean[] dead, int[] latents, float[] inputs) {
        return LatentReset.apply(wEnc, bEnc, wDec, bDec.value(), d, dead, latents, inputs);
    }

    @Override
    public Map<String, float[]> buffers() {
        return new LinkedHashMap<>();
    }

    @Override
    public void setBuffer(String name, float[] values) {
        throw new IllegalArgumentException("no buffer " + name);
    }

    /** JumpReLU thresholds for every latent when this model exports as JumpReLU (batchtopk, matryoshka); else null. */
    public float[] exportThreshold() {
        return null;
    }

    @Override
    public int inputSize() {
        return d;
    }

    @Override
    public int latentSize() {
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public double activeThreshold() {
        return 0;
    }

    @Override
    public String describe() {
        return config.architecture().id() + " SAE " + d + "-" + width + describeSparsity();
    }

    @Override
    public String describeObjective() {
        String aux = config.usesAuxK() ? String.format(" + %s * AuxK(k_aux=%d)", config.auxCoefficient(), config.auxK()) : "";
        return switch (config.architecture()) {
            case STANDARD -> "mse + " + config.coefficient() + " * sum_i f_i * |W_dec,i|";
            case TOPK -> "mse of the top " + config.k() + " latents per sample" + aux;
            case BATCHTOPK -> "mse of the top " + config.k() + " x batch latents per batch" + aux;
            case MATRYOSHKA -> "mean mse of " + config.groups().length + " nested prefixes, top " + config.k()
                    + " x batch latents per batch" + aux;
            case JUMPRELU -> Double.isNaN(config.targetL0()) ? "mse + " + config.coefficient() + " * L0"
                    : "mse + " + config.coefficient() + " * (L0 / " + config.targetL0() + " - 1)^2";
            case GATED -> "mse + " + config.coefficient() + " * sum_i relu(pi_gate,i) * |W_dec,i| + gate mse";
        };
    }

    /** E.g. " (k=32)"; empty when nothing more needs saying. */
    protected String describeSparsity() {
        return "";
    }

    @Override
    public double trainingFlopsPerSample() {
        // Dense: encoder forward and backward (3 products) plus decoder forward and backward (3 products).
        return 12.0 * d * width;
    }

    @Override
    public float[] decode(float[] latents, int batch) {
        float[] out = new float[batch * d];
        kernels.matmul(latents, wDec.value(), out, batch, width, d, false);
        kernels.addToRows(out, bDec.value(), batch, d);
        return out;
    }

    /** What the encoder sees: x − b_dec when {@code applyBDecToInput}, else x itself. */
    protected float[] encoderInput(float[] x, int batch) {
        if (!config.applyBDecToInput()) {
            return x;
        }
        float[] xc = new float[batch * d];
        float[] b = bDec.value();
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < d; j++) {
                xc[r * d + j] = x[r * d + j] - b[j];
            }
        }
        return xc;
    }

    /** The number of non-zero latents in a dense code. */
    protected static long nonZeros(float[] f) {
        long n = 0;
        for (float v : f) {
            n += v != 0f ? 1 : 0;
        }
        return n;
    }

    /** Whether a batch with {@code active} non-zero latents takes the sparse step; see {@link #SPARSE_BELOW_ONE_IN}. */
    protected final boolean takesSparseStep(long active, int batch) {
        if (denseOnlyForTests || sparseOnlyForTests) {
            return !denseOnlyForTests;
        }
        return active * SPARSE_BELOW_ONE_IN <= (long) batch * width;
    }

    /** x̂ = f·W_dec + b_dec for latents held sparse: a gather-sum of the active decoder rows. */
    protected float[] decodeSparse(SparseCode code, int batch) {
        float[] out = new float[batch * d];
        SparseKernels.decode(code, wDec.value(), bDec.value(), d, out);
        return out;
    }

    /** xc · W_encᵀ + bias, batch × width. */
    protected float[] preActivations(float[] xc, int batch, float[] bias) {
        float[] pre = encoderProduct(xc, batch);
        kernels.addToRows(pre, bias, batch, width);
        return pre;
    }

    /** xc · W_encᵀ, batch × width: the pre-activations less the bias (the k-sparse families add it as they select). */
    protected float[] encoderProduct(float[] xc, int batch) {
        float[] product = new float[batch * width];
        kernels.matmulTransB(xc, wEnc.value(), product, batch, d, width, false);
        return product;
    }

    /** Mean squared error per value; when {@code grad} is not null it receives scale·d(MSE)/d(out). */
    protected static double mse(float[] out, float[] x, int n, float[] grad, double scale) {
        double sum = 0;
        float g = (float) (2.0 * scale / n);
        for (int i = 0; i < n; i++) {
            float diff = out[i] - x[i];
            sum += (double) diff * diff;
            if (grad != null) {
                grad[i] = g * diff;
            }
        }
        return sum / n;
    }

    /** ‖W_dec row i‖ for every latent. */
    protected float[] decoderNorms() {
        float[] w = wDec.value();
        float[] norms = new float[width];
        for (int i = 0; i < width; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) w[i * d + j] * w[i * d + j];
            }
            norms[i] = (float) Math.sqrt(s);
        }
        return norms;
    }

    /**
     * The dense backward pass below the latents: W_enc and the given bias get dpre's gradients, and b_dec
     * its share through the encoder input when b_dec is subtracted there.
     */
    protected void encoderBackward(float[] dpre, float[] xc, int batch, float[] biasGrad) {
        kernels.matmulTransA(dpre, xc, wEnc.grad(), batch, width, d, true);
        kernels.columnSums(dpre, biasGrad, batch, width, true);
        if (config.applyBDecToInput()) {
            float[] dxc = new float[batch * d];
            kernels.matmul(dpre, wEnc.value(), dxc, batch, width, d, false);
            subtractColumnSums(dxc, batch, bDec.grad());
        }
    }

    /** The decoder's backward pass for dense latents f and output gradient g: W_dec, b_dec; returns df. */
    protected float[] decoderBackward(float[] f, float[] g, int batch) {
        kernels.matmulTransA(f, g, wDec.grad(), batch, width, d, true);
        kernels.columnSums(g, bDec.grad(), batch, d, true);
        float[] df = new float[batch * width];
        kernels.matmulTransB(g, wDec.value(), df, batch, d, width, false);
        return df;
    }

    /** {@link #decoderBackward} for sparse latents, without df (callers compute it where they read it): W_dec, b_dec. */
    protected void sparseDecoderBackward(SparseCode code, SparseCode.Columns columns, float[] g, int batch) {
        kernels.columnSums(g, bDec.grad(), batch, d, true);
        SparseKernels.scatterAdd(code, columns, code.value(), g, null, d, wDec.grad(), null);
    }

    /**
     * {@link #encoderBackward} for a pre-activation gradient held on the entries of {@code code}: W_enc and
     * b_enc, and the pull on the encoder input added to {@code dInput} when that is not null.
     */
    protected void sparseEncoderBackward(SparseCode code, SparseCode.Columns columns, float[] dpre, float[] xc,
                                         float[] dInput) {
        SparseKernels.scatterAdd(code, columns, dpre, xc, null, d, wEnc.grad(), bEnc.grad());
        if (dInput != null) {
            SparseKernels.gatherAdd(code, dpre, wEnc.value(), d, dInput);
        }
    }

    /** The same, with b_dec's share through the encoder input applied at once. */
    protected void sparseEncoderBackward(SparseCode code, SparseCode.Columns columns, float[] dpre, float[] xc,
                                         int batch) {
        float[] dInput = config.applyBDecToInput() ? new float[batch * d] : null;
        sparseEncoderBackward(code, columns, dpre, xc, dInput);
        if (dInput != null) {
            subtractColumnSums(dInput, batch, bDec.grad());
        }
    }

    /** out[j] −= Σ_r a[r·d + j]. */
    protected void subtractColumnSums(float[] a, int batch, float[] out) {
        float[] sums = new float[d];
        kernels.columnSums(a, sums, batch, d, false);
        for (int j = 0; j < d; j++) {
            out[j] -= sums[j];
        }
    }

    /** λ·scale · mean_b Σ_i a_b,i ‖W_dec,i‖: the decoder-norm-weighted L1 of standard and gated SAEs. */
    protected double normWeightedL1(float[] a, int batch, float[] norms, double scale) {
        double s = 0;
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < width; i++) {
                s += (double) a[r * width + i] * norms[i];
            }
        }
        return config.coefficient() * scale * s / batch;
    }

    /** The same penalty for latents held sparse; zeros add nothing, so the sum has the dense one's bits. */
    protected double normWeightedL1(SparseCode a, float[] norms, double scale) {
        double s = 0;
        for (int e = 0; e < a.size(); e++) {
            s += (double) a.value()[e] * norms[a.index()[e]];
        }
        return config.coefficient() * scale * s / a.rows();
    }

    /** That penalty's W_dec gradient: λ (Σ_b a_b,i / B) · W_dec,i / ‖W_dec,i‖. */
    protected void normWeightedL1DecoderGrad(float[] a, int batch, float[] norms, double lambda) {
        float[] colSum = new float[width];
        kernels.columnSums(a, colSum, batch, width, false);
        normWeightedL1DecoderGradOfSums(colSum, batch, norms, lambda);
    }

    /** The same from the latents' sums over the batch, Σ_b a_b,i (cheap to take from a sparse code). */
    protected void normWeightedL1DecoderGradOfSums(float[] colSum, int batch, float[] norms, double lambda) {
        float[] w = wDec.value();
        float[] gw = wDec.grad();
        for (int i = 0; i < width; i++) {
            if (norms[i] > 0) {
                float s = (float) (lambda * colSum[i] / batch / norms[i]);
                for (int j = 0; j < d; j++) {
                    gw[i * d + j] += s * w[i * d + j];
                }
            }
        }
    }

    protected void zeroGrads() {
        parameters.forEach(Parameter::zeroGrad);
    }
}
