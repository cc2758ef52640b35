/**
 * The hot math and the plain containers: the {@link org.sae4j.tensor.Kernels} interface with its Vector API and
 * pure-Java backends ({@link org.sae4j.tensor.KernelSelection} picks one), sparse codes and their kernels, top-k
 * selection and per-column order statistics ({@link org.sae4j.tensor.ColumnSplits}), seeded random streams, and {@link org.sae4j.tensor.NamedArrays}, the one in-memory form of training
 * state. Imports only the root package.
 */
package org.sae4j.tensor;
