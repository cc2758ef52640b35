package org.sae4j.model.sae;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.model.Model;
import org.sae4j.model.ParameterSlice;
import org.sae4j.model.Preparation;
import org.sae4j.model.SparsityControl;
import org.sae4j.model.TrainedState;
import org.sae4j.model.TrainingTraits;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.SparseCode;
import org.sae4j.tensor.SparseKernels;

/**
 * A dictionary-learning SAE: one wide latent layer between an encoder and a linear decoder,
 * <pre>
 *   pre = (x − b_dec·[applyBDecToInput]) · W_encᵀ + b_enc      (batch × width)
 *   f   = σ(pre)                                               (the architecture's sparse activation)
 *   x̂   = f · W_dec + b_dec  (+ x · W_skipᵀ for a skip transcoder)
 * </pre>
 * with W_enc stored [width, d_in] and W_dec [width, d_out] (row i is latent i's encoder and decoder direction, as
 * in sparsify and PyTorch's Linear.weight), so a latent's gradients are contiguous rows. Subclasses are the
 * architectures: the activation σ, the objective and its backward pass.
 *
 * <p>An SAE reconstructs its input: d_out = d_in and the objective compares x̂ with x. A transcoder (SAELens's
 * {@code transcoder}, sparsify's {@code transcode}) reads x and writes ŷ, compared with a target y of its own
 * (an MLP's output for its input): every architecture's objective is the same with y in place of x, b_dec lives
 * in the output space and is never subtracted from x, and its training rows are [x | y] ({@code TrainingRows}).
 * A skip transcoder adds x·W_skipᵀ, W_skip [d_out, d_in] starting at zero, to every reconstruction the objective
 * compares with y (Matryoshka's prefixes, gated's auxiliary one), so it takes the linear part of x → y.
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
    /** d_in, what the encoder reads. */
    protected final int d;
    /** d_out, what the decoder writes: d_in for an SAE. */
    protected final int dOut;
    protected final int width;
    protected final Parameter wEnc;
    protected final Parameter bEnc;
    protected final Parameter wDec;
    protected final Parameter bDec;
    /** A skip transcoder's W_skip [d_out, d_in]; null otherwise. */
    protected final Parameter wSkip;
    private final List<Parameter> parameters;
    /** The sparse step's explicit backward over these parameters; see {@link SparseBackward}. */
    final SparseBackward sparse = new SparseBackward(this);

    protected SparseAutoencoder(SaeConfig config, Kernels kernels, List<Parameter> extra) {
        this.config = config;
        this.kernels = kernels;
        this.d = config.inputSize();
        this.dOut = config.outputSize();
        this.width = config.width();
        int[] matrix = {width, d};
        int[] decoder = {width, dOut};
        Parameter.requireSize(matrix);
        Parameter.requireSize(decoder);
        wEnc = new Parameter("encoder.weight", matrix, true);
        bEnc = new Parameter("encoder.bias", new int[] {width}, false);
        wDec = new Parameter("W_dec", decoder, true);
        bDec = new Parameter("b_dec", new int[] {dOut}, false);
        // W_skip starts at zero (SAELens, sparsify): the latents and the linear part grow from the same start.
        wSkip = config.skip() ? new Parameter("W_skip", new int[] {dOut, d}, false) : null;
        List<Parameter> all = new ArrayList<>(List.of(wEnc, bEnc, wDec, bDec));
        all.addAll(extra);
        if (wSkip != null) {
            all.add(wSkip);
        }
        parameters = List.copyOf(all);
        InitialWeights.apply(config, wEnc.value(), wDec.value());
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

    /** Decoder rows [width, d_out]. */
    public Parameter decoderWeight() {
        return wDec;
    }

    public Parameter decoderBias() {
        return bDec;
    }

    /** A skip transcoder's W_skip [d_out, d_in]; null for other models. */
    public Parameter skipWeight() {
        return wSkip;
    }

    /**
     * Sets b_dec, e.g. to the geometric median of a data sample (done by the trainer before the first step): of
     * the targets, the space b_dec lives in.
     */
    public void initDecoderBias(float[] center) {
        System.arraycopy(center, 0, bDec.value(), 0, dOut);
    }

    @Override
    public TrainingTraits traits() {
        Architecture a = architecture();
        return new TrainingTraits(true, a.usesCoefficient(), a == Architecture.STANDARD, a.usesK() ? config.k() : 0,
                a.followsBudget());
    }

    @Override
    public void prepare(Preparation preparation) {
        if (preparation.centre() != null) {
            initDecoderBias(preparation.centre());
        }
    }

    /** See {@link LatentReset}. */
    @Override
    public List<ParameterSlice> reinitialise(boolean[] dead, int[] latents, float[] rows) {
        return LatentReset.apply(wEnc, bEnc, wDec, bDec.value(), d, dOut, config.transcoder(), dead, latents, rows);
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
    public int targetSize() {
        return config.targetSize();
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
        return describeShape() + describeSparsity();
    }

    /** What the model is without its sparsity setting: "topk SAE 768-24576", "jumprelu skip transcoder 768-3072-768". */
    public String describeShape() {
        if (config.transcoder()) {
            return config.architecture().id() + (config.skip() ? " skip transcoder " : " transcoder ") + d + "-" + width
                    + "-" + dOut;
        }
        return config.architecture().id() + " SAE " + d + "-" + width;
    }

    /** " (target L0 T)", how a model whose thresholds follow a top-k budget is described: its λ takes no part. */
    public static String budgetSparsity(double target) {
        return " (target L0 " + SparsityControl.count(target) + ")";
    }

    /** {@link #budgetSparsity} where this model's thresholds followed a budget at a target L0; null otherwise. */
    protected final String trainedBudget() {
        SparsityControl c = sparsityControl();
        return traits().followsBudget() && c != null && "l0".equals(c.measure()) ? budgetSparsity(c.target()) : null;
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
            case JUMPRELU -> (Double.isNaN(config.targetL0()) ? "mse + " + config.coefficient() + " * L0"
                    : "mse + " + config.coefficient() + " * (L0 / " + config.targetL0() + " - 1)^2")
                    + (config.preActCoefficient() > 0 ? " + " + config.preActCoefficient() + " * eps * pre-act(dead)" : "");
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
        float[] out = new float[batch * dOut];
        kernels.matmul(latents, wDec.value(), out, batch, width, dOut, false);
        kernels.addToRows(out, bDec.value(), batch, dOut);
        return out;
    }

    /** The encoder's rows of {@code batch} training rows: the rows themselves for an SAE, their x for a transcoder. */
    protected float[] inputs(float[] rows, int batch) {
        return config.transcoder() ? org.sae4j.model.TrainingRows.inputs(rows, batch, d, dOut) : rows;
    }

    /** x̂ += x·W_skipᵀ in place for a skip transcoder; nothing otherwise. */
    protected void addSkip(float[] x, float[] out, int batch) {
        if (wSkip != null) {
            kernels.matmulTransB(x, wSkip.value(), out, batch, d, dOut, true);
        }
    }

    /** W_skip's gradient gᵀ·x for the output gradient g of the reconstruction W_skip enters. */
    protected void skipBackward(float[] g, float[] x, int batch) {
        if (wSkip != null) {
            kernels.matmulTransA(g, x, wSkip.grad(), batch, dOut, d, true);
        }
    }

    /** The full reconstruction of dense latents f of inputs x: the decode, and the skip. */
    protected float[] reconstruct(float[] f, float[] x, int batch) {
        float[] out = decode(f, batch);
        addSkip(x, out, batch);
        return out;
    }

    /** The same for latents held sparse: a gather-sum of the active decoder rows, then the skip. */
    protected float[] reconstructSparse(SparseCode code, float[] x, int batch) {
        float[] out = new float[batch * dOut];
        SparseKernels.decode(code, wDec.value(), bDec.value(), dOut, out);
        addSkip(x, out, batch);
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
        kernels.matmulTransA(f, g, wDec.grad(), batch, width, dOut, true);
        kernels.columnSums(g, bDec.grad(), batch, dOut, true);
        float[] df = new float[batch * width];
        kernels.matmulTransB(g, wDec.value(), df, batch, dOut, width, false);
        return df;
    }

    /** out[j] −= Σ_r a[r·d + j]. */
    protected void subtractColumnSums(float[] a, int batch, float[] out) {
        float[] sums = new float[d];
        kernels.columnSums(a, sums, batch, d, false);
        for (int j = 0; j < d; j++) {
            out[j] -= sums[j];
        }
    }

    protected void zeroGrads() {
        parameters.forEach(Parameter::zeroGrad);
    }
}
