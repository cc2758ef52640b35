package org.sae4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sparsity–reconstruction Pareto front of a sweep: the models no other model beats on both L0 (lower is
 * better) and explained variance (higher is better), and its knee, where buying more explained variance
 * starts to cost disproportionately many active latents.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** Indices of the models on the front, in increasing L0. NaN points are never on it. */
    public static List<Integer> front(double[] l0, double[] ev) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < l0.length; i++) {
            if (Double.isFinite(l0[i]) && Double.isFinite(ev[i])) {
                order.add(i);
            }
        }
        // Sorted by L0 (ties: best EV first), a point is on the front when it beats every sparser point's EV.
        order.sort(Comparator.<Integer>comparingDouble(i -> l0[i]).thenComparingDouble(i -> -ev[i]));
        List<Integer> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (int i : order) {
            if (ev[i] > best) {
                front.add(i);
                best = ev[i];
            }
        }
        return front;
    }

    /**
     * The knee of the front (Kneedle, Satopaa et al. 2011): with both axes scaled to [0, 1] over the front, the
     * point farthest above the chord from its sparsest to its densest end; -1 with fewer than 3 points, where
     * no point lies between the ends.
     */
    public static int knee(double[] l0, double[] ev, List<Integer> front) {
        if (front.size() < 3) {
            return -1;
        }
        int first = front.get(0);
        int last = front.get(front.size() - 1);
        double dx = l0[last] - l0[first];
        double dy = ev[last] - ev[first];
        if (!(dx > 0) || !(dy > 0)) {
            return -1;
        }
        int knee = -1;
        double most = 0;
        for (int i : front) {
            double x = (l0[i] - l0[first]) / dx;
            double y = (ev[i] - ev[first]) / dy;
            if (y - x > most) { // the chord is y = x; distance above it is proportional to y - x
                most = y - x;
                knee = i;
            }
        }
        return knee;
    }
}
