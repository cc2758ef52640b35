package org.sae4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.Memory;

/**
 * What a configuration costs in memory, checked before anything is allocated: a layer too large for one
 * Java array, or a model or training run larger than the heap, is refused in one sentence instead of an
 * integer overflow or an OutOfMemoryError minutes later.
 */
public final class ModelSize {
    /** The most elements one float array can hold on HotSpot. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Floats per parameter during training: value, gradient and the optimizer's two Adam moments. */
    private static final int TRAINING_COPIES = 4;
    /** The state a run keeps to roll back to and to save: values and Adam's two moments. */
    private static final int CHECKPOINT_COPIES = 3;
    /** Floats per unit per row of a batch: pre-activation, activation and gradient. */
    private static final int ACTIVATION_COPIES = 3;

    private ModelSize() {
    }

    /** One weight matrix or bias: its name and shape, in model-file order. */
    public record Tensor(String name, long[] shape) {
        long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** The parameters the model holds, named as in the model file, without allocating them. */
    public static List<Tensor> parameters(ModelConfig c) {
        List<Tensor> out = new ArrayList<>();
        long width = c.inputSize();
        int[] enc = c.encoderUnits();
        for (int i = 0; i < enc.length; i++) {
            addLayer(out, "encoder." + i, width, enc[i]);
            width = enc[i];
        }
        int[] dec = c.decoderUnits();
        for (int i = 0; i <= dec.length; i++) {
            long next = i == dec.length ? c.inputSize() : dec[i];
            addLayer(out, "decoder." + i, width, next);
            width = next;
        }
        return out;
    }

    private static void addLayer(List<Tensor> out, String name, long in, long units) {
        out.add(new Tensor(name + ".weight", new long[] {in, units}));
        out.add(new Tensor(name + ".bias", new long[] {units}));
    }

    /** Refuses a layer too large for one array and a model that cannot fit in the heap (value and gradient). */
    public static void requireBuildable(ModelConfig c) {
        Memory.require(4.0 * 2 * requireArrays(c), "A " + c.describeShape() + " autoencoder");
    }

    /**
     * Refuses a training run that cannot fit: parameters with gradients and optimizer state, and the
     * activations of one batch. {@code built} says the model's own arrays are already allocated. Before the
     * data is loaded its width may be unknown (an input size of 1 stands in for it; only the hidden layers
     * are named then).
     */
    public static void requireTrainable(ModelConfig c, int batchSize, boolean built) {
        requireTrainable(c, batchSize, built, 0, 0);
    }

    /**
     * As {@link #requireTrainable(ModelConfig, int, boolean)}, with {@code inferenceRows} rows evaluated at once between
     * steps (a validation chunk: activations without gradients) and {@code otherBytes} the run's data will still take.
     */
    public static void requireTrainable(ModelConfig c, int batchSize, boolean built, int inferenceRows, double otherBytes) {
        long params = requireArrays(c);
        long units = c.inputSize();
        for (int u : c.encoderUnits()) {
            units += u;
        }
        for (int u : c.decoderUnits()) {
            units += u;
        }
        units += c.inputSize();
        double bytes = 4.0 * ((built ? TRAINING_COPIES - 2 : TRAINING_COPIES) + CHECKPOINT_COPIES) * (double) params
                + 4.0 * Math.max(ACTIVATION_COPIES * (double) batchSize, 2.0 * inferenceRows) * units + otherBytes;
        String shape = c.describeShape();
        String what = built || c.inputSize() > 1 ? "a " + shape + " autoencoder"
                : "an autoencoder with hidden layers " + shape.substring(shape.indexOf('-') + 1, shape.lastIndexOf('-'));
        Memory.require(bytes, "Training " + what + " in batches of " + batchSize);
    }

    /** Checks every parameter fits one array; returns how many floats they hold together. */
    private static long requireArrays(ModelConfig c) {
        double total = 0;
        for (Tensor t : parameters(c)) {
            long n = t.size();
            if (n > MAX_ARRAY || n < 0) {
                long[] s = t.shape();
                throw new InvalidInputException(String.format(Locale.ROOT, "Layer %s of a %s autoencoder would hold "
                        + "%d x %d = %,d weights; expected at most %,d per layer (choose smaller layer sizes).",
                        t.name().replace(".weight", ""), c.describeShape(), s[0], s[1], n, MAX_ARRAY));
            }
            total += n;
        }
        return (long) Math.min(total, Long.MAX_VALUE);
    }
}
