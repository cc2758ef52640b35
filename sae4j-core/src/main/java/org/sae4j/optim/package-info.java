/**
 * Optimizers (Adam, SGD with momentum) that update {@code nn.Parameter}s in place, keeping constrained rows
 * ({@code nn.RowConstraint}) on their sets as they go. Imports {@code nn} and {@code tensor}.
 */
package org.sae4j.optim;
