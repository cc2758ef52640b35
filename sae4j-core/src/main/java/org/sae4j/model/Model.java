package org.sae4j.model;

import java.util.List;
import java.util.Map;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.nn.Parameter;
import org.sae4j.nn.RowConstraints;

/**
 * What the one training loop, the metrics, the reports and the model files see of any autoencoder: the deep
 * autoencoders of feature learning and every wide dictionary-learning SAE. A model is its equations and its
 * named parameters; it never knows its trainer or its file format.
 *
 * <p>Batch methods take already-normalised rows, row-major; the {@link Dataset} methods apply the model's
 * {@link Normalizer} first. {@link #encode} reads inputs, {@code batch × inputSize()}; {@link #forwardBackward} and
 * {@link #evaluate} read training rows, {@code batch × rowSize()}: the input for an autoencoder, whose target is its
 * input, or input then target for a transcoder ({@link TrainingRows}). Reconstructions are {@code outputSize()} wide.
 */
public interface Model {
    /** Rows per chunk when a whole dataset is pushed through: bounds memory, keeps kernels busy. */
    int INFERENCE_BATCH = 1024;

    int inputSize();

    /**
     * Width of the target each training row carries after its input: 0 when the target is the input itself (an
     * autoencoder), d_out for a transcoder, whose rows are [x | y].
     */
    default int targetSize() {
        return 0;
    }

    /** Width of a training row: the input, then the target when it is not the input. */
    default int rowSize() {
        return inputSize() + targetSize();
    }

    /** Width of a reconstruction: the target's, which is the input's for an autoencoder. */
    default int outputSize() {
        return targetSize() == 0 ? inputSize() : targetSize();
    }

    /** What the reconstructions of {@code batch} training rows are compared with: the rows themselves (no copy), or their targets. */
    default float[] target(float[] rows, int batch) {
        return targetSize() == 0 ? rows : TrainingRows.targets(rows, batch, inputSize(), targetSize());
    }

    /** Width of the hidden layer whose sparsity is the point: the code of a deep autoencoder, an SAE's latents. */
    int latentSize();

    /** Every trainable parameter, in a fixed order; the same list on every call. */
    List<Parameter> parameters();

    /** A latent counts as active when its activation exceeds this (0 for ReLU-like latents). */
    double activeThreshold();

    /**
     * One forward and backward pass of the training objective: zeroes, then fills every parameter's gradient.
     * The context carries what the trainer tracks (dead latents, the sparsity warm-up).
     */
    BatchResult forwardBackward(float[] x, int batch, StepContext context);

    /** The objective of a batch at inference (no gradients, no training-only terms' side effects). */
    BatchResult evaluate(float[] x, int batch);

    /** Dense latent activations at inference, {@code batch × latentSize()}. */
    float[] encode(float[] x, int batch);

    /**
     * Reconstructions, in normalised units, of {@code batch} dense latent rows: what the latents write, f·W_dec + b_dec
     * for an SAE (a skip transcoder's W_skip·x needs the input, so only {@link #evaluate} adds it).
     */
    float[] decode(float[] latents, int batch);

    /**
     * The parameters whose rows must stay on a set (the k-sparse SAEs' unit-norm decoder rows): the optimizer projects
     * their gradients and restores the rows row by row, inside its update.
     */
    default RowConstraints rowConstraints() {
        return RowConstraints.NONE;
    }

    /**
     * Called after every optimizer step with the step's result (e.g. to update a running threshold from the batch's
     * smallest kept activation): a model keeps no hidden per-step state.
     */
    default void afterStep(BatchResult step) {
    }

    /** What the trainer's schedule needs to know of this model. */
    default TrainingTraits traits() {
        return TrainingTraits.FEATURE_LEARNING;
    }

    /**
     * Takes what a fresh model needs from its training data before the first step (an SAE's b_dec start, JumpReLU's
     * calibration). Not called on a resumed run, whose checkpoint holds all of it.
     */
    default void prepare(Preparation preparation) {
    }

    /** Refuses normalised training rows this model's objective is not defined on, with a sentence. */
    default void requireTrainable(Dataset normalized) {
    }

    /**
     * Points each latent of {@code latents} (all dead under {@code dead}) at the matching training row of
     * {@code inputs} ({@code latents.length × rowSize()}, normalised): the resampling of dead latents. Returns the parameter
     * slices it rewrote, whose optimizer state the trainer must forget. Only for {@link TrainingTraits#resamplesDead}.
     */
    default List<ParameterSlice> reinitialise(boolean[] dead, int[] latents, float[] inputs) {
        throw new UnsupportedOperationException(describe() + " does not resample latents");
    }

    /** Non-trainable state saved with the model (BatchTopK's threshold, JumpReLU's calibrated ε), by name. */
    default Map<String, float[]> buffers() {
        return Map.of();
    }

    /** Sets a buffer of {@link #buffers()}. */
    default void setBuffer(String name, float[] values) {
        throw new IllegalArgumentException(describe() + " has no buffer '" + name + "'");
    }

    /** Where a sparsity controller left this model, or null when it was trained with a fixed coefficient. */
    SparsityControl sparsityControl();

    void setSparsityControl(SparsityControl control);

    /** FLOPs of the useful work of one training sample, for throughput figures. */
    double trainingFlopsPerSample();

    /** A short description of the architecture, e.g. "topk SAE 784-4096 (k=32)". */
    String describe();

    /** The training objective, e.g. "mse + KL(rho=0.05, beta=0.01)". */
    String describeObjective();

    Normalizer normalizer();

    void setNormalizer(Normalizer normalizer);

    /** Every epoch this model was trained for, across fits; saved with the model. */
    History history();

    void setHistory(History history);

    /** Checks the width and values of raw inputs {@code data} and applies the model's normaliser (its input columns). */
    default Dataset prepare(Dataset data) {
        data.requireFinite().requireCols(inputSize(), "the model");
        return normalizer().columns(0, inputSize()).apply(data);
    }

    /** The same for raw training rows (input, then target for a transcoder): what {@link #evaluate} reads. */
    default Dataset prepareRows(Dataset rows) {
        if (targetSize() == 0) {
            return prepare(rows);
        }
        rows.requireFinite().requireCols(rowSize(), "the transcoder (d_in + d_out)");
        return normalizer().apply(rows);
    }

    /** Normalises {@code data} and returns its dense latents. */
    default Dataset encode(Dataset data) {
        return mapInChunks(prepare(data), latentSize(), this::encode);
    }

    /**
     * The latents of a batch as a sparse code (CSR, zeros left out), equal to {@link #encode(float[], int)}.
     * This default goes through the dense code; the k-sparse SAEs override it and never build one.
     */
    default org.sae4j.tensor.SparseCode encodeSparse(float[] x, int batch) {
        return org.sae4j.tensor.SparseCode.fromDense(encode(x, batch), batch, latentSize());
    }

    /**
     * The sparse latents of raw {@code data}, encoded lazily in row order, one chunk of at most
     * {@link #INFERENCE_BATCH} rows per step of the iteration and normalised a chunk at a time: a writer can
     * stream the codes of any number of rows without holding them (or a normalised copy of the data).
     */
    default Iterable<org.sae4j.tensor.SparseCode> encodeSparse(Dataset data) {
        return SparseChunks.of(this, data);
    }

    /** The same for raw rows of a source too large to load, read a chunk at a time. */
    default Iterable<org.sae4j.tensor.SparseCode> encodeSparse(org.sae4j.data.RowReader raw) {
        return SparseChunks.of(this, raw);
    }

    /** Decodes dense latents into normalised reconstructions. */
    default Dataset decode(Dataset latents) {
        latents.requireFinite().requireCols(latentSize(), "the model's latent layer");
        return mapInChunks(latents, inputSize(), this::decode);
    }

    /** Reconstructions, in normalised units, of raw training rows {@code data} (inputs, for an autoencoder). */
    default Dataset reconstruct(Dataset data) {
        return mapInChunks(prepareRows(data), outputSize(), (x, n) -> evaluate(x, n).output());
    }

    /** A batch function applied to a dataset a chunk at a time. */
    interface BatchMap {
        float[] apply(float[] x, int batch);
    }

    static Dataset mapInChunks(Dataset in, int outCols, BatchMap map) {
        float[] out = new float[Math.multiplyExact(in.rows(), outCols)];
        for (Dataset.Chunk c : in.chunks(INFERENCE_BATCH)) {
            System.arraycopy(map.apply(c.values(), c.rows()), 0, out, c.from() * outCols, c.rows() * outCols);
        }
        return new Dataset(in.name(), out, in.rows(), outCols, in.labels());
    }
}
