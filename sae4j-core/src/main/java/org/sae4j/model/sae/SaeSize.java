package org.sae4j.model.sae;

import org.sae4j.Memory;

/**
 * The memory an SAE needs, refused up front in one sentence (as {@code ModelSize} does for the deep
 * autoencoders) rather than as an OutOfMemoryError minutes in. Training holds four copies of the parameters
 * (values, gradients, Adam's two moments), the checkpoint it can roll back to (values and moments: three more) and,
 * per batch, the dense pre-activations and their gradient (batch × width each) plus a few batch × d_in arrays.
 */
public final class SaeSize {
    private static final int TRAINING_COPIES = 4;
    /** The state a run keeps to roll back to and to save: values and Adam's two moments. */
    private static final int CHECKPOINT_COPIES = 3;

    private SaeSize() {
    }

    /**
     * Floats in the parameters: W_enc [width, d_in], W_dec [width, d_out], b_enc, b_dec and up to two per-latent
     * vectors, and a skip transcoder's W_skip [d_out, d_in].
     */
    static double parameterFloats(SaeConfig c) {
        return (double) c.width() * (c.inputSize() + c.outputSize()) + 3.0 * c.width() + c.outputSize()
                + (c.skip() ? (double) c.outputSize() * c.inputSize() : 0);
    }

    /** Refuses a model whose values and gradients alone do not fit. */
    public static void requireBuildable(SaeConfig c) {
        Memory.require(4.0 * 2 * parameterFloats(c), describe(c));
    }

    /** Refuses a training run that cannot fit; {@code built} says the model's own arrays already exist. */
    public static void requireTrainable(SaeConfig c, int batchSize, boolean built) {
        requireTrainable(c, batchSize, built, 0, 0);
    }

    /**
     * As {@link #requireTrainable(SaeConfig, int, boolean)}, with {@code inferenceRows} rows evaluated at once between
     * steps (a validation chunk, which may hold more rows than a batch: inputs, pre-activations, latents and outputs,
     * without gradients) and {@code otherBytes} the run's data will still take (its normalised copies, the batches
     * read ahead).
     */
    public static void requireTrainable(SaeConfig c, int batchSize, boolean built, int inferenceRows, double otherBytes) {
        double copies = (built ? TRAINING_COPIES - 2 : TRAINING_COPIES) + CHECKPOINT_COPIES;
        double activations = Math.max(2.0 * batchSize * c.width() + 3.0 * batchSize * (c.inputSize() + c.outputSize()),
                2.0 * inferenceRows * (c.width() + (double) c.inputSize() + c.outputSize() - c.inputSize()));
        Memory.require(4.0 * (copies * parameterFloats(c) + activations) + otherBytes, "Training " + describe(c)
                + " in batches of " + batchSize);
    }

    private static String describe(SaeConfig c) {
        return "a " + c.architecture().id() + (c.transcoder() ? " transcoder " : " SAE ") + c.inputSize() + "-" + c.width()
                + (c.transcoder() ? "-" + c.outputSize() : "");
    }
}
