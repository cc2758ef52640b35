package org.sae4j.model;

import org.sae4j.nn.Parameter;

/** Values {@code from} (inclusive) to {@code to} (exclusive) of a parameter's flat array. */
public record ParameterSlice(Parameter parameter, int from, int to) {
}
