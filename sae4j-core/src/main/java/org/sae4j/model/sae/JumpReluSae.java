package org.sae4j.model.sae;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sae4j.data.Dataset;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Preparation;
import org.sae4j.model.SparsityControl;
import org.sae4j.model.StepContext;
import org.sae4j.model.sae.SparseBackward.SparseReconstruction;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Kernels;
import org.sae4j.tensor.Selection;
import org.sae4j.tensor.SparseCode;
import org.sae4j.tensor.SparseKernels;

/**
 * JumpReLU (Rajamanoharan et al. 2024, "Jumping Ahead"): f = z · H(z − θ) with a learned threshold θ_i > 0 per
 * latent, trained as log θ. The sparsity term is λ·L0 (step mode) or λ·(L0/L* − 1)² (target mode), where
 * L0 = mean_b Σ_i H(z_b,i − θ_i). H has no useful derivative, so it gets straight-through pseudo-gradients
 * with the rectangle kernel K(u) = [|u| < 1/2] of bandwidth ε:
 * <pre>
 *   ∂f/∂θ_i  := −(θ_i/ε) · K((z − θ_i)/ε)        ∂H/∂θ_i := −(1/ε) · K((z − θ_i)/ε)
 *   ∂f/∂z    =  H(z − θ)  (exact)                 ∂H/∂z   := +(1/ε) · K((z − θ_i)/ε)
 *   ∂/∂log θ = θ · ∂/∂θ
 * </pre>
 * The L0 term's pull on z (Anthropic's January 2025 update: the estimator reaches the encoder too) is what
 * makes λ a working knob: with θ alone the encoder's bias outruns the thresholds, which under Adam move about
 * lr in log θ a step, and L0 stays near the width for any λ (SAELens #382). ε and the initial θ default to
 * values calibrated on the data ({@link #calibrate}).
 *
 * <p>With a target L0 the trainer sets no λ: the thresholds follow a top-k budget ({@link StepContext#budget},
 * {@link #budgetStep}) and neither the L0 term nor the pseudo-gradients take part.
 */
public final class JumpReluSae extends SparseAutoencoder {
    /** ε, and θ without a target, in units of σ, the RMS of the sample's initial pre-activations. */
    static final double BANDWIDTH_PER_SIGMA = 0.5;
    static final double THRESHOLD_PER_SIGMA = 0.5;
    /**
     * The default c of {@link PreActivationLoss}, in units of ε. On issue 18's Zipf task (96-d, width 768, target
     * L0 8, 5 epochs) it left 24% of the latents dead against 72% without (FVU 0.201 against 0.214); on the embedded
     * Fashion-MNIST (width 512, target L0 20) 24% against 67% (FVU 0.189 against 0.185). 0.3 revived a few more
     * and cost Fashion-MNIST 0.015 of FVU.
     */
    static final double PRE_ACT_COEFFICIENT = 0.1;
    private final Parameter logThreshold;
    /** The bandwidth in use: the config's, or calibrated on data (NaN until then). */
    private double bandwidth;
    /** Whether what the config leaves to the data has been set: by {@link #calibrate} or a loaded model. */
    private boolean calibrated;

    JumpReluSae(SaeConfig config, Kernels kernels) {
        this(config, kernels, new Parameter("log_threshold", new int[] {config.width()}, false));
    }

    private JumpReluSae(SaeConfig config, Kernels kernels, Parameter logThreshold) {
        super(config, kernels, List.of(logThreshold));
        this.logThreshold = logThreshold;
        this.bandwidth = config.bandwidth();
        this.calibrated = !Double.isNaN(config.bandwidth()) && !Double.isNaN(config.initialThreshold());
        double theta = Double.isNaN(config.initialThreshold()) ? 1e-3 : config.initialThreshold();
        Arrays.fill(logThreshold.value(), (float) StrictMath.log(theta));
    }

    /** Whether ε and the initial θ are known: set in the config, calibrated, or loaded with a trained model. */
    public boolean calibrated() {
        return calibrated;
    }

    /**
     * Sets what the config leaves to the data (a NaN bandwidth or initial threshold) from the pre-activations z
     * of a sample of training rows (a transcoder's [x | y] rows: z is of x), so the defaults mean the same at any input scale. With σ the RMS of z over the
     * sample, ε = {@value #BANDWIDTH_PER_SIGMA}·σ; θ_i is the (1 − p) quantile of latent i's z when a firing
     * fraction p is asked for (a target L0 over the width), else {@value #THRESHOLD_PER_SIGMA}·σ for all.
     * Why: Gemma Scope's ε = θ = 0.001 assume inputs of unit mean squared norm, where they are about σ/2; on
     * other scales a fixed ε leaves no pre-activation inside the kernel's window, θ gets no gradient, and the
     * log-θ steps of Adam (about lr each) take thousands of steps to cover the distance.
     */
    public void calibrate(float[] x, int rows, double fireFraction) {
        int above = Double.isNaN(fireFraction) || !Double.isNaN(config.initialThreshold()) ? 0
                : (int) Math.max(1, Math.min(rows, Math.round(fireFraction * rows)));
        PreActivationScan scan = PreActivationScan.of(kernels, encoderInput(inputs(x, rows), rows), rows, d, wEnc.value(),
                bEnc.value(), above);
        double sigma = scan.rms() > 0 ? scan.rms() : 1; // all-zero inputs: any scale does
        if (Double.isNaN(config.bandwidth())) {
            bandwidth = (float) (BANDWIDTH_PER_SIGMA * sigma); // float: what the model file keeps
        }
        calibrated = true;
        if (!Double.isNaN(config.initialThreshold())) {
            return;
        }
        float[] log = logThreshold.value();
        float floor = (float) StrictMath.log(bandwidth / 2); // θ > 0, and a latent never starts below its window
        for (int i = 0; i < width; i++) {
            double theta = above == 0 ? THRESHOLD_PER_SIGMA * sigma : Math.max(scan.quantile()[i], Float.MIN_NORMAL);
            log[i] = Math.max(floor, (float) StrictMath.log(theta));
        }
    }

    /** Sets b_dec, then calibrates ε and θ on the sample unless the config, a loaded file or an earlier fit set them. */
    @Override
    public void prepare(Preparation preparation) {
        super.prepare(preparation);
        if (preparation.centre() != null && !Double.isNaN(preparation.targetL0())) {
            // First, so that ε and θ are calibrated on the pre-activations the run starts from.
            ThresholdBudget.unitRows(wEnc.value(), wDec.value(), width, d, dOut);
        }
        if (!calibrated) {
            double target = Double.isNaN(preparation.targetL0()) ? config.targetL0() : preparation.targetL0();
            Dataset sample = preparation.sample();
            calibrate(sample.values(), sample.rows(), target / width);
        }
    }

    /**
     * With anything left to calibration, the calibrated ε is saved (0 until calibrated), so a loaded model
     * never recalibrates; a config that sets both needs no buffer, which keeps older files loading. (With ε given and
     * θ calibrated the buffer only says whether θ was: ε itself stays the config's, see {@link #setBuffer}.)
     */
    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> b = super.buffers();
        if (Double.isNaN(config.bandwidth()) || Double.isNaN(config.initialThreshold())) {
            b.put("bandwidth", new float[] {calibrated ? (float) bandwidth : 0f});
        }
        return b;
    }

    @Override
    public void setBuffer(String name, float[] values) {
        if (!name.equals("bandwidth") || values.length != 1) {
            super.setBuffer(name, values);
            return;
        }
        calibrated = values[0] > 0;
        // A given ε is the config's double, not the buffer's float rounding of it: restoring a state (a resumed run,
        // a Spark replica each round) must leave the model stepping exactly as before, and ε scales the
        // pre-activation loss and θ's pseudo-gradient, which a 0.05 rounded to float moves in the last digits.
        bandwidth = !Double.isNaN(config.bandwidth()) ? config.bandwidth() : calibrated ? values[0] : Double.NaN;
    }

    @Override
    protected String describeSparsity() {
        String budget = trainedBudget();
        if (budget != null) {
            return budget;
        }
        return Double.isNaN(config.targetL0()) ? " (lambda=" + config.coefficient() + ")"
                : " (lambda=" + config.coefficient() + ", quadratic L0 " + SparsityControl.count(config.targetL0()) + ")";
    }

    /** θ_i = exp(log θ_i), in StrictMath so every JIT state gives the same bits. */
    public float[] threshold() {
        float[] t = new float[width];
        for (int i = 0; i < width; i++) {
            t[i] = (float) StrictMath.exp(logThreshold.value()[i]);
        }
        return t;
    }

    @Override
    public float[] exportThreshold() {
        return threshold();
    }

    @Override
    public float[] encode(float[] x, int batch) {
        return jump(preActivations(encoderInput(x, batch), batch, bEnc.value()), threshold());
    }

    private float[] jump(float[] pre, float[] theta) {
        float[] f = new float[pre.length];
        for (int i = 0; i < pre.length; i++) {
            f[i] = pre[i] > theta[i % width] ? pre[i] : 0f;
        }
        return f;
    }

    @Override
    public BatchResult evaluate(float[] rows, int batch) {
        float[] x = inputs(rows, batch);
        float[] f = encode(x, batch);
        float[] out = reconstruct(f, x, batch);
        return BatchResult.dense(mse(out, target(rows, batch), batch * dOut, null, 1.0), sparsity(l0(f, batch), 1.0), 0,
                out, f);
    }

    private static double l0(float[] f, int batch) {
        return (double) nonZeros(f) / batch;
    }

    /** λ·scale·L0, or λ·scale·(L0/L* − 1)² in target mode. */
    private double sparsity(double l0, double scale) {
        double lambda = config.coefficient() * scale;
        if (Double.isNaN(config.targetL0())) {
            return lambda * l0;
        }
        double r = l0 / config.targetL0() - 1;
        return lambda * r * r;
    }

    /** d sparsity / d L0. */
    private double sparsitySlope(double l0, double scale) {
        double lambda = config.coefficient() * scale;
        return Double.isNaN(config.targetL0()) ? lambda : lambda * 2 * (l0 / config.targetL0() - 1) / config.targetL0();
    }

    @Override
    public BatchResult forwardBackward(float[] rows, int batch, StepContext context) {
        if (!calibrated) {
            // The step would divide by a NaN bandwidth: say what was skipped rather than calibrate on this batch.
            throw new IllegalStateException("jumprelu SAE: epsilon and theta are not calibrated; call prepare(...) "
                    + "(the trainer does) or calibrate(...) before training");
        }
        zeroGrads();
        float[] x = inputs(rows, batch);
        float[] y = target(rows, batch);
        float[] xc = encoderInput(x, batch);
        float[] pre = preActivations(xc, batch, bEnc.value());
        float[] theta = threshold();
        if (context.budget() > 0) {
            return budgetStep(x, y, xc, pre, theta, batch, context);
        }
        float[] f = jump(pre, theta);
        long active = nonZeros(f);
        double l0 = (double) active / batch;
        if (takesSparseStep(active, batch)) {
            return sparseStep(x, y, xc, pre, theta, f, l0, batch, context);
        }
        float[] out = reconstruct(f, x, batch);
        float[] g = new float[batch * dOut];
        double mse = mse(out, y, batch * dOut, g, 1.0);
        double penalty = sparsity(l0, context.sparsityScale());
        double slope = sparsitySlope(l0, context.sparsityScale());
        float[] df = decoderBackward(f, g, batch);
        skipBackward(g, x, batch);

        JumpBack back = new JumpBack(theta, bandwidth, slope / batch, new double[width]);
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < width; i++) {
                int at = r * width + i;
                df[at] = back.entry(i, pre[at], df[at]);
            }
        }
        double revival = revive(context, pre, theta, xc, batch, back.dTheta());
        back.addTo(logThreshold.grad());
        encoderBackward(df, xc, batch, bEnc.grad());
        return BatchResult.dense(mse, penalty, revival, out, f);
    }

    /** The same step as the dense one for a batch whose latents are mostly zero; see {@link #SPARSE_BELOW_ONE_IN}. */
    private BatchResult sparseStep(float[] x, float[] y, float[] xc, float[] pre, float[] theta, float[] f, double l0,
                                   int batch, StepContext context) {
        // The gradient is read at other entries than the code's (below), so the decode stops at dL/dx̂.
        SparseReconstruction decoded = sparse.decode(SparseCode.fromDense(f, batch, width), x, y, batch);
        float[] g = decoded.dOutput();
        double penalty = sparsity(l0, context.sparsityScale());
        double slope = sparsitySlope(l0, context.sparsityScale());

        // df is read where a latent is active (its gradient) or near its threshold (θ's pseudo-gradient).
        double eps = bandwidth;
        SparseCode read = readEntries(pre, theta, batch, eps);
        SparseCode.Columns readColumns = read.columns();
        float[] df = new float[read.size()];
        SparseKernels.valueGrad(read, readColumns, g, null, wDec.value(), dOut, df);
        JumpBack back = new JumpBack(theta, eps, slope / batch, new double[width]);
        for (int r = 0; r < batch; r++) {
            for (int e = read.rowStart()[r]; e < read.rowStart()[r + 1]; e++) {
                int i = read.index()[e];
                df[e] = back.entry(i, pre[r * width + i], df[e]);
            }
        }
        double revival = revive(context, pre, theta, xc, batch, back.dTheta());
        back.addTo(logThreshold.grad());
        sparse.encoderBackward(read, readColumns, df, xc, batch, bEnc.grad());
        return BatchResult.dense(decoded.mse(), penalty, revival, decoded.output(), f);
    }

    /**
     * A step under a budget of L* = {@link StepContext#budget} latents per sample: its result carries the values
     * that split each latent's column where each sample's top ⌈L*⌉ did ({@link ThresholdBudget#mark}), which
     * {@link #afterStep} moves θ toward, so the thresholds fire each latent as often as the budget does and the L0 is
     * about L* by construction. The latents trained are that top-k while the trainer says the budget selects, then those
     * above θ (JumpReLU's own rule); either way with their exact gradients, and no L0 term, λ or pseudo-gradient.
     */
    private BatchResult budgetStep(float[] x, float[] y, float[] xc, float[] pre, float[] theta, int batch,
                                   StepContext context) {
        ThresholdBudget.Marks marks = ThresholdBudget.mark(pre, batch, width, context.budget());
        SparseCode code = context.budgetSelects() ? marks.top()
                : Selection.aboveThresholds(pre, new float[width], batch, width, theta);
        SparseReconstruction rec = sparse.reconstruction(code, x, y, batch);
        sparse.encoderBackward(code, rec.columns(), rec.df(), xc, batch, bEnc.grad());
        return BatchResult.sparse(rec.mse(), 0, 0, rec.output(), code).withSplits(marks.splits());
    }

    /** After a budgeted step every θ moves toward its split ({@link ThresholdBudget#follow}). */
    @Override
    public void afterStep(BatchResult step) {
        super.afterStep(step);
        if (step.splits() != null) {
            ThresholdBudget.follow(logThreshold.value(), step.splits(), (float) StrictMath.log(bandwidth / 2));
        }
    }

    /** The dead latents' pre-activation loss ({@link PreActivationLoss}) with its gradients added; 0 without any. */
    private double revive(StepContext context, float[] pre, float[] theta, float[] xc, int batch, double[] dTheta) {
        if (!(config.preActCoefficient() > 0) || context.deadCount() == 0) {
            return 0;
        }
        var w = new PreActivationLoss.Weights(wEnc.value(), wDec.value(), d, dOut, width, wEnc.grad(), bEnc.grad(),
                wDec.grad(), config.applyBDecToInput() ? bDec.grad() : null);
        return PreActivationLoss.apply(config.preActCoefficient() * bandwidth, context.dead(), pre, theta, xc, batch, w,
                dTheta);
    }

    /**
     * The pass back through the jump, shared by the dense and sparse steps: entry by entry, θ's pseudo-gradient
     * (the reconstruction's and the L0 term's, rectangle kernel) and z's gradient, H·dL/df plus the L0 term's
     * pull (1/ε)·K·dS/dL0 / B. {@code l0Slope} is dS/dL0 / B.
     */
    private record JumpBack(float[] theta, double eps, double l0Slope, double[] dTheta) {
        float entry(int i, float z, float df) {
            float through = z > theta[i] ? df : 0f;
            if (Math.abs(z - theta[i]) < eps / 2) {
                dTheta[i] += df * (-theta[i] / eps) + l0Slope * (-1 / eps);
                return through + (float) (l0Slope / eps);
            }
            return through;
        }

        /** Adds d/dlog θ = θ · d/dθ to the log-threshold gradient. */
        void addTo(float[] gLog) {
            for (int i = 0; i < theta.length; i++) {
                gLog[i] += (float) (theta[i] * dTheta[i]);
            }
        }
    }

    /** The entries (row, latent) that are active or inside θ's band of half-width ε/2, columns ascending. */
    private SparseCode readEntries(float[] pre, float[] theta, int batch, double eps) {
        int[] start = new int[batch + 1];
        int[] index = new int[Math.max(16, batch)];
        int n = 0;
        for (int r = 0; r < batch; r++) {
            start[r] = n;
            for (int i = 0; i < width; i++) {
                float z = pre[r * width + i];
                if (z > theta[i] || Math.abs(z - theta[i]) < eps / 2) {
                    if (n == index.length) {
                        index = Arrays.copyOf(index, 2 * n);
                    }
                    index[n++] = i;
                }
            }
        }
        start[batch] = n;
        return new SparseCode(batch, width, start, Arrays.copyOf(index, n), new float[n]);
    }
}
