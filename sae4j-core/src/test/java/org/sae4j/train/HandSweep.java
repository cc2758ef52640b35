package org.sae4j.train;

import java.util.function.DoubleFunction;
import org.sae4j.eval.EvalReport;

/**
 * The explained variance a fixed coefficient, swept by hand, reaches at a given L0: fixed λ bracket that L0
 * (starting from {@code start}, halving or doubling until they do, then bisected in log λ until the two L0
 * are within 30%), and their EV is interpolated in log L0. Used to hold {@code --target-l0} to issue 8's bar.
 */
public final class HandSweep {
    private HandSweep() {
    }

    public static double explainedVarianceAt(double l0, double start, DoubleFunction<EvalReport> fixed) {
        double denser = start; // a fixed λ whose L0 is at least l0
        double sparser = start; // and one at most
        EvalReport dense = fixed.apply(start);
        EvalReport sparse = dense;
        while (dense.l0() < l0) {
            denser /= 2;
            dense = fixed.apply(denser);
        }
        while (sparse.l0() > l0) {
            sparser *= 2;
            sparse = fixed.apply(sparser);
        }
        for (int i = 0; i < 8 && dense.l0() > 1.3 * sparse.l0(); i++) {
            double mid = Math.sqrt(denser * sparser);
            EvalReport r = fixed.apply(mid);
            if (r.l0() >= l0) {
                denser = mid;
                dense = r;
            } else {
                sparser = mid;
                sparse = r;
            }
        }
        double t = dense.l0() == sparse.l0() ? 0 : Math.log(l0 / sparse.l0()) / Math.log(dense.l0() / sparse.l0());
        double ev = sparse.explainedVariance() + t * (dense.explainedVariance() - sparse.explainedVariance());
        System.out.printf("hand-swept EV at L0 %.3f: %.4f (fixed runs at L0 %.3f..%.3f)%n", l0, ev, sparse.l0(), dense.l0());
        return ev;
    }
}
