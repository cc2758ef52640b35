package org.sae4j.nn;

import java.util.IdentityHashMap;
import java.util.Map;
import org.sae4j.tensor.ParallelRows;

/** The parameters of a model whose rows an optimizer must keep on a set, each with its {@link RowConstraint}. */
public final class RowConstraints {
    /** No parameter is constrained. */
    public static final RowConstraints NONE = new RowConstraints(Map.of());

    private final Map<Parameter, RowConstraint> byParameter;

    private RowConstraints(Map<Parameter, RowConstraint> byParameter) {
        this.byParameter = byParameter;
    }

    /** One constrained parameter. */
    public static RowConstraints of(Parameter parameter, RowConstraint constraint) {
        if (parameter.size() % constraint.rowLength() != 0) {
            throw new IllegalArgumentException(parameter.name() + " has " + parameter.size()
                    + " values, not whole rows of " + constraint.rowLength());
        }
        Map<Parameter, RowConstraint> m = new IdentityHashMap<>();
        m.put(parameter, constraint);
        return new RowConstraints(m);
    }

    /** The constraint on {@code parameter}, or null when it has none. */
    public RowConstraint of(Parameter parameter) {
        return byParameter.get(parameter);
    }

    /**
     * Puts every constrained parameter's rows back on their sets, outside an optimizer step: an average of
     * replicas' unit-norm rows (data-parallel training) is not of unit norm.
     */
    public void restoreAll() {
        byParameter.forEach((p, c) -> {
            int d = c.rowLength();
            ParallelRows.run(p.size() / d, 1, 2L * p.size(), (from, to) -> c.restore(p.value(), from, to));
        });
    }
}
