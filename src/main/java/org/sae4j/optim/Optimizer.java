package org.sae4j.optim;

import java.util.List;
import org.sae4j.nn.Parameter;

/** Updates parameters in place from their gradients; keeps its own per-parameter state. */
public interface Optimizer {

    void step(List<Parameter> parameters);

    /** Settings, for history and logs, e.g. "adam(lr=0.001)". */
    String describe();
}
