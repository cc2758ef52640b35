package org.sae4j.data.synthetic;

/**
 * Who fires with what probability, worked out once from a spec (see {@link SyntheticSpec} for the model).
 * Roots fire through independent events: one "own" event per root and one "shared" event per correlation
 * group, which turns on every member. Children are decided after the roots, only under a firing parent.
 */
final class FiringModel {
    final int numFeatures;
    final int roots;
    /** Features per hierarchy block: the root, then its children. */
    final int block;
    final double childProb;
    /** The marginal firing probability of each root. */
    final double[] rootProb;
    /** Probability of each event: roots' own events first, then the groups' shared events. */
    final double[] eventProb;
    /** For each event, the first and one-past-last root it turns on. */
    final int[] eventFrom;
    final int[] eventTo;

    private FiringModel(SyntheticSpec spec) {
        numFeatures = spec.numFeatures();
        block = spec.hierarchy() + 1;
        roots = SyntheticSpec.rootCount(numFeatures, spec.hierarchy());
        childProb = spec.childProb();
        rootProb = rootProbabilities(spec);
        int groups = spec.correlation() > 0 ? (roots + spec.groupSize() - 1) / spec.groupSize() : 0;
        eventProb = new double[roots + groups];
        eventFrom = new int[roots + groups];
        eventTo = new int[roots + groups];
        for (int r = 0; r < roots; r++) {
            eventProb[r] = rootProb[r];
            eventFrom[r] = r;
            eventTo[r] = r + 1;
        }
        for (int g = 0; g < groups; g++) {
            int from = g * spec.groupSize();
            int to = Math.min(roots, from + spec.groupSize());
            double least = 1;
            for (int r = from; r < to; r++) {
                least = Math.min(least, rootProb[r]);
            }
            // A lone root in a short last group has nobody to correlate with.
            double shared = to - from >= 2 ? spec.correlation() * least : 0;
            eventProb[roots + g] = shared;
            eventFrom[roots + g] = from;
            eventTo[roots + g] = to;
            for (int r = from; r < to; r++) {
                // 1 - (1 - shared)(1 - own) = p keeps each member's marginal rate at p.
                eventProb[r] = shared >= 1 ? 0 : Math.max(0, (rootProb[r] - shared) / (1 - shared));
            }
        }
    }

    static FiringModel of(SyntheticSpec spec) {
        return new FiringModel(spec);
    }

    int rootFeature(int root) {
        return root * block;
    }

    /** Children of a root are the features right after it in its block. */
    int childrenEnd(int root) {
        return Math.min(numFeatures, root * block + block);
    }

    /** Marginal firing probability per feature: p for roots, childProb * p(parent) for children. */
    double[] marginals() {
        double[] p = new double[numFeatures];
        for (int r = 0; r < roots; r++) {
            int f = rootFeature(r);
            p[f] = rootProb[r];
            for (int c = f + 1; c < childrenEnd(r); c++) {
                p[c] = childProb * rootProb[r];
            }
        }
        return p;
    }

    /**
     * Root probabilities proportional to the weights (1, or (r+1)^-alpha for zipf), scaled so that
     * sum_r p_r (1 + children_r * childProb) = active; any p above 1 is capped at 1 and the rest rescaled
     * (water-filling), which ends after at most one pass per root.
     */
    private double[] rootProbabilities(SyntheticSpec spec) {
        double[] w = new double[roots];
        double[] cost = new double[roots];
        for (int r = 0; r < roots; r++) {
            w[r] = spec.dist() == SyntheticSpec.Dist.ZIPF ? Math.pow(r + 1, -spec.alpha()) : 1;
            cost[r] = 1 + (childrenEnd(r) - rootFeature(r) - 1) * childProb;
        }
        boolean[] capped = new boolean[roots];
        double[] p = new double[roots];
        while (true) {
            double left = spec.active();
            double weight = 0;
            for (int r = 0; r < roots; r++) {
                if (capped[r]) {
                    left -= cost[r];
                } else {
                    weight += w[r] * cost[r];
                }
            }
            double scale = weight > 0 ? Math.max(0, left) / weight : 0;
            boolean changed = false;
            for (int r = 0; r < roots; r++) {
                if (!capped[r] && scale * w[r] > 1) {
                    capped[r] = true;
                    changed = true;
                }
            }
            if (!changed) {
                for (int r = 0; r < roots; r++) {
                    p[r] = capped[r] ? 1 : scale * w[r];
                }
                return p;
            }
        }
    }
}
