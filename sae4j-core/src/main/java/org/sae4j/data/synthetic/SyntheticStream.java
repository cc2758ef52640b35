package org.sae4j.data.synthetic;

import java.util.Arrays;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.tensor.Rng;

/**
 * An endless stream of samples from a {@link SyntheticSpec}, generated on demand and never held whole. Sample n
 * is drawn from a generator seeded by (seed, n) alone, so the samples do not depend on how rows are split
 * between calls, a stream can {@link #seek} anywhere, and two streams of one spec agree sample for sample.
 * Not thread-safe; give each thread its own stream.
 */
public final class SyntheticStream {
    private final SyntheticSpec spec;
    private final int dim;
    private final int numFeatures;
    private final float[] features;
    private final FiringModel model;
    private final EventSampler sampler;
    private final long sampleSeed;
    private final int[] events;
    private final int[] active;
    /** Per-feature stamp of the last sample that turned it on, so a root fired twice is counted once. */
    private final long[] stamp;
    private long position;
    /** Counts generated samples for {@link #stamp}; unlike the position it never repeats after a seek. */
    private long generation;

    SyntheticStream(SyntheticSpec spec) {
        this.spec = spec;
        this.dim = spec.dim();
        this.numFeatures = spec.numFeatures();
        this.features = spec.features();
        this.model = FiringModel.of(spec);
        this.sampler = new EventSampler(model.eventProb);
        this.sampleSeed = spec.seed() * 0x9E3779B97F4A7C15L + "synthetic-samples".hashCode();
        this.events = new int[model.eventProb.length];
        this.active = new int[numFeatures];
        this.stamp = new long[numFeatures];
        Arrays.fill(stamp, -1);
        this.position = spec.start();
    }

    public SyntheticSpec spec() {
        return spec;
    }

    /** Values per sample (d). */
    public int dim() {
        return dim;
    }

    /** Number of ground-truth features (G). */
    public int numFeatures() {
        return numFeatures;
    }

    /** A copy of the ground-truth directions, [G, d] row-major, unit-norm rows. */
    public float[] features() {
        return features.clone();
    }

    /** The index of the sample the next call returns first. */
    public long position() {
        return position;
    }

    /** Moves to sample {@code sample} (0 is the very first sample of this seed, whatever the spec's start). */
    public void seek(long sample) {
        if (sample < 0) {
            throw new IllegalArgumentException("sample " + sample);
        }
        position = sample;
    }

    /** Fills {@code out[0 .. rows*d)} with the next {@code rows} samples. */
    public void next(float[] out, int rows) {
        next(out, null, rows);
    }

    /**
     * Fills the next {@code rows} samples, and when {@code coefficients} is not null, their true coefficients
     * as [rows, G] row-major (0 for an inactive feature), for ground-truth metrics that compare codes.
     */
    public void next(float[] out, float[] coefficients, int rows) {
        if (rows < 0 || out.length < (long) rows * dim
                || (coefficients != null && coefficients.length < (long) rows * numFeatures)) {
            throw new IllegalArgumentException("buffers too small for " + rows + " rows");
        }
        for (int i = 0; i < rows; i++) {
            sampleInto(out, i * dim, coefficients, i * numFeatures);
        }
    }

    /** Materialises the next {@code n} samples as a dataset named after the spec (labels: none). */
    public Dataset take(int n) {
        if ((long) n * dim > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("Synthetic data of " + n + " samples x " + dim + " values is too large "
                    + "to hold in memory; expected samples * dim below " + (Integer.MAX_VALUE - 8) + ".");
        }
        float[] values = new float[n * dim];
        next(values, n);
        return new Dataset(SyntheticSpec.PREFIX, values, n, dim);
    }

    private void sampleInto(float[] out, int outOffset, float[] coefficients, int coeffOffset) {
        long n = position++;
        long g = generation++;
        Rng rng = new Rng(mix64(sampleSeed + n * 0xD1B54A32D192ED03L));
        int fired = sampler.sample(rng, events);
        int count = 0;
        for (int e = 0; e < fired; e++) {
            int event = events[e];
            for (int r = model.eventFrom[event]; r < model.eventTo[event]; r++) {
                int f = model.rootFeature(r);
                if (stamp[f] != g) {
                    stamp[f] = g;
                    active[count++] = f;
                }
            }
        }
        // Children in feature order after sorting, so the draws below happen in one fixed order.
        Arrays.sort(active, 0, count);
        int roots = count;
        for (int a = 0; a < roots; a++) {
            int parent = active[a];
            int end = model.childrenEnd(parent / model.block);
            for (int c = parent + 1; c < end; c++) {
                if (rng.nextDouble() < model.childProb) {
                    active[count++] = c;
                }
            }
        }
        Arrays.sort(active, 0, count);
        Arrays.fill(out, outOffset, outOffset + dim, 0f);
        if (coefficients != null) {
            Arrays.fill(coefficients, coeffOffset, coeffOffset + numFeatures, 0f);
        }
        for (int a = 0; a < count; a++) {
            int f = active[a];
            float c = coefficient(rng);
            if (coefficients != null) {
                coefficients[coeffOffset + f] = c;
            }
            int row = f * dim;
            for (int j = 0; j < dim; j++) {
                out[outOffset + j] += c * features[row + j];
            }
        }
    }

    private float coefficient(Rng rng) {
        if (spec.coeff() == SyntheticSpec.Coeff.CONSTANT) {
            return (float) spec.coeffMax();
        }
        return (float) (spec.coeffMin() + (spec.coeffMax() - spec.coeffMin()) * rng.nextDouble());
    }

    /** Stafford's variant-13 finaliser: spreads consecutive sample numbers over unrelated generator seeds. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
