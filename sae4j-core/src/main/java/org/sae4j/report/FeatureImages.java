package org.sae4j.report;

import java.util.Arrays;
import org.sae4j.data.Dataset;
import org.sae4j.eval.ActiveUnits;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.Model;
import org.sae4j.nn.Dense;

/**
 * The two pictures of what a model learned. Filters show what the first layer's units respond to (their
 * incoming weights); code-unit decodings show what each code unit puts into a reconstruction, which is the
 * view that stays meaningful for deep models whose code layer is several layers from the pixels.
 */
public final class FeatureImages {
    private FeatureImages() {
    }

    /**
     * Vectors for some of a layer's units.
     *
     * @param units       the unit index of each vector, in drawing order
     * @param vectors     one vector of input width per unit
     * @param activations for decodings, the code value each unit was set to; for filters, empty
     * @param skippedDead dead units left out (decodings only; a dead unit adds nothing to any reconstruction)
     * @param totalUnits  units in the layer
     */
    public record UnitVectors(int[] units, float[][] vectors, float[] activations, int skippedDead, int totalUnits) {
        public int count() {
            return units.length;
        }
    }

    /** Activation statistics of the first encoder layer on {@code rows} normalised rows {@code x}. */
    public static UnitStats firstLayerStats(Autoencoder model, float[] x, int rows) {
        Dense first = model.layers().get(0);
        float[] acts = mapInChunks(x, rows, first.inputSize(), first.outputSize(), first::forward);
        return UnitStats.of(acts, rows, first.outputSize(), ActiveUnits.defaultThreshold(first.activation()));
    }

    /** Activation statistics of the code layer on {@code rows} normalised rows {@code x}. */
    public static UnitStats codeStats(Autoencoder model, float[] x, int rows, Double threshold) {
        int code = model.config().codeSize();
        float[] acts = mapInChunks(x, rows, model.config().inputSize(), code, model::encode);
        double t = threshold != null ? threshold : ActiveUnits.defaultThreshold(model.config().codeActivation());
        return UnitStats.of(acts, rows, code, t);
    }

    /**
     * Column j of the first encoder kernel W[in, out] for up to {@code max} units: the input pattern unit j
     * responds to most strongly (per unit of input norm). Ordered by {@code stats} usage when given, else by
     * index. Dead units are kept: their filters still show what they would respond to.
     */
    public static UnitVectors firstLayerFilters(Autoencoder model, UnitStats stats, int max) {
        Dense first = model.layers().get(0);
        int in = first.inputSize();
        int out = first.outputSize();
        float[] w = first.weight().value();
        int[] order = stats != null ? stats.byUsage() : identity(out);
        int n = Math.min(max, out);
        int[] units = Arrays.copyOf(order, n);
        float[][] vectors = new float[n][in];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < in; i++) {
                vectors[k][i] = w[i * out + units[k]];
            }
        }
        return new UnitVectors(units, vectors, new float[0], 0, out);
    }

    /**
     * For up to {@code max} live code units, most used first: decode(code with only unit j at its typical high
     * activation) − decode(zero code), in normalised input units. Subtracting the zero code removes what
     * the biases draw on their own, leaving what unit j adds; for a one-hidden-layer autoencoder with a
     * linear output this is exactly that activation times row j of the decoder kernel.
     */
    public static UnitVectors codeDecodings(Autoencoder model, UnitStats stats, int max) {
        int code = model.config().codeSize();
        int[] order = stats.byUsage();
        int[] units = new int[Math.min(max, code)];
        int n = 0;
        int dead = 0;
        for (int u : order) {
            if (stats.isDead(u)) {
                dead++;
            } else if (n < units.length) {
                units[n++] = u;
            }
        }
        units = Arrays.copyOf(units, n);
        // Row 0 is the zero code, row k+1 sets unit units[k]; one decode call for all of them.
        float[] codes = new float[(n + 1) * code];
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = stats.typicalHigh()[units[k]];
            codes[(k + 1) * code + units[k]] = values[k];
        }
        int in = model.config().inputSize();
        float[] decoded = model.decode(codes, n + 1);
        float[][] vectors = new float[n][in];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < in; i++) {
                vectors[k][i] = decoded[(k + 1) * in + i] - decoded[i];
            }
        }
        return new UnitVectors(units, vectors, values, dead, code);
    }

    /** {@code map} over {@code rows} rows of {@code x}, a chunk of {@link Model#INFERENCE_BATCH} at a time: bounds memory. */
    private static float[] mapInChunks(float[] x, int rows, int inCols, int outCols, Model.BatchMap map) {
        return Model.mapInChunks(new Dataset("activations", x, rows, inCols), outCols, map).values();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
