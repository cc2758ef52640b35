package org.sae4j.data.synthetic;

import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.tensor.Rng;

/**
 * A seeded superposition dataset, in the spirit of SynthSAEBench: {@code numFeatures} unit-norm ground-truth
 * directions in R^{@code dim}; each sample is x = sum_i c_i f_i over the features active in it.
 *
 * <p>Firing: the root features (all of them without a hierarchy) fire independently with probabilities drawn
 * from {@code dist} (uniform: all equal; zipf: p_r proportional to (r+1)^-alpha, r the root's rank), scaled so
 * the expected number of active features per sample, children included, is {@code active}; a probability that
 * would exceed 1 is capped and the excess spread over the others. Hierarchy ({@code hierarchy = K > 0}): the
 * features form blocks of 1 + K, the first of each block a root (parent) and the others its children; a child
 * fires only when its parent fires, then with probability {@code childProb}. Correlation ({@code correlation =
 * rho > 0}): consecutive roots form groups of {@code groupSize}; a shared event with probability rho * (the
 * group's smallest p) fires the whole group, and each member also fires on its own with the probability that
 * keeps its marginal rate at p (rho = 1 with equal rates: the group always fires together).
 *
 * <p>Magnitudes: c ~ U(coeffMin, coeffMax) for {@code coeff = uniform}, c = coeffMax for {@code constant}.
 * Samples are numbered from {@code start}; sample n depends only on (seed, n), so a held-out set with the same
 * features is the same spec with a different {@code start}.
 */
public record SyntheticSpec(int numFeatures, int dim, double active, int samples, long seed, long start,
                            Dist dist, double alpha, Coeff coeff, double coeffMin, double coeffMax,
                            int hierarchy, double childProb, double correlation, int groupSize) {

    /** The prefix of a {@code --data} value that names a synthetic source. */
    public static final String PREFIX = "synthetic";

    /** How firing probabilities spread over the features. */
    public enum Dist { UNIFORM, ZIPF }

    /** How an active feature's coefficient is drawn. */
    public enum Coeff { UNIFORM, CONSTANT }

    /** The textbook task: 512 unit features in R^128, each active with probability 5/512, c ~ U(0,1), 200k samples. */
    public static SyntheticSpec defaults() {
        return new SyntheticSpec(512, 128, 5, 200_000, 1, 0, Dist.UNIFORM, 1.0, Coeff.UNIFORM, 0, 1,
                0, 0.5, 0, 2);
    }

    public SyntheticSpec {
        require(numFeatures >= 1, "features", numFeatures, "a whole number of at least 1");
        require(dim >= 1, "dim", dim, "a whole number of at least 1");
        require(samples >= 1, "samples", samples, "a whole number of at least 1");
        require(start >= 0, "start", start, "a whole number of at least 0");
        require(Double.isFinite(alpha) && alpha >= 0, "alpha", alpha, "a number of at least 0");
        require(Double.isFinite(coeffMin) && coeffMin >= 0, "coeffmin", coeffMin, "a number of at least 0");
        require(Double.isFinite(coeffMax) && coeffMax > 0 && coeffMax >= coeffMin, "coeffmax", coeffMax,
                "a positive number no smaller than coeffmin (" + num(coeffMin) + ")");
        require(hierarchy >= 0 && hierarchy < numFeatures, "hierarchy", hierarchy,
                "a number of children per parent from 0 (none) to features - 1 (" + (numFeatures - 1) + ")");
        require(childProb > 0 && childProb <= 1, "childprob", childProb, "a probability in (0, 1]");
        require(correlation >= 0 && correlation <= 1, "correlation", correlation, "a number in [0, 1]");
        int roots = rootCount(numFeatures, hierarchy);
        require(groupSize >= 2 && groupSize <= Math.max(2, roots), "groupsize", groupSize,
                "a whole number from 2 to the number of root features (" + roots + ")");
        double most = maxExpectedActive(numFeatures, hierarchy, childProb);
        require(Double.isFinite(active) && active > 0 && active <= most, "active", active,
                "an expected number of active features per sample in (0, " + num(most) + "]");
        if (dist == null || coeff == null) {
            throw new IllegalArgumentException("dist and coeff are required");
        }
    }

    /** Parses {@code synthetic} or {@code synthetic:key=value,...}; see {@link SyntheticSpecParser}. */
    public static SyntheticSpec parse(String spec) {
        return SyntheticSpecParser.parse(spec);
    }

    /** True when a {@code --data} value names a synthetic source rather than a file or a named dataset. */
    public static boolean matches(String spec) {
        String s = spec == null ? "" : spec.strip();
        return s.equals(PREFIX) || s.startsWith(PREFIX + ":");
    }

    /** The ground-truth feature directions, [numFeatures, dim] row-major, each row of unit norm. */
    public float[] features() {
        Rng rng = Rng.forPurpose(seed, "synthetic-features");
        float[] out = new float[numFeatures * dim];
        double[] row = new double[dim];
        for (int i = 0; i < numFeatures; i++) {
            double norm;
            do { // a zero Gaussian vector has probability 0, but redraw rather than divide by it
                norm = 0;
                for (int j = 0; j < dim; j++) {
                    row[j] = rng.gaussian();
                    norm += row[j] * row[j];
                }
            } while (norm == 0);
            norm = Math.sqrt(norm);
            for (int j = 0; j < dim; j++) {
                out[i * dim + j] = (float) (row[j] / norm);
            }
        }
        return out;
    }

    /** A fresh stream positioned at sample {@code start}. */
    public SyntheticStream stream() {
        return new SyntheticStream(this);
    }

    /** The {@code samples} samples from {@code start}, in memory, for the in-memory training loop. */
    public Dataset dataset() {
        return stream().take(samples);
    }

    /** The marginal firing probability of each feature (children included), as the stream draws them. */
    public double[] firingProbabilities() {
        return FiringModel.of(this).marginals();
    }

    /** The canonical spec string, every key spelled out; parsing it gives this spec back. */
    public String format() {
        return String.format(Locale.ROOT, "%s:features=%d,dim=%d,active=%s,samples=%d,seed=%d,start=%d,dist=%s,"
                        + "alpha=%s,coeff=%s,coeffmin=%s,coeffmax=%s,hierarchy=%d,childprob=%s,correlation=%s,"
                        + "groupsize=%d", PREFIX, numFeatures, dim, num(active), samples, seed, start,
                dist.name().toLowerCase(Locale.ROOT), num(alpha), coeff.name().toLowerCase(Locale.ROOT),
                num(coeffMin), num(coeffMax), hierarchy, num(childProb), num(correlation), groupSize);
    }

    /** Roots are the first feature of each block of 1 + hierarchy; the last block may be short. */
    static int rootCount(int numFeatures, int hierarchy) {
        return (numFeatures + hierarchy) / (hierarchy + 1);
    }

    /** The expected active count when every root always fires: the ceiling for {@code active}. */
    static double maxExpectedActive(int numFeatures, int hierarchy, double childProb) {
        int roots = rootCount(numFeatures, hierarchy);
        return roots + (numFeatures - roots) * childProb;
    }

    private static void require(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            String shown = value instanceof Double d ? num(d) : String.valueOf(value);
            throw new InvalidInputException("Synthetic data key '" + key + "' is " + shown + "; expected "
                    + expected + ".");
        }
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
