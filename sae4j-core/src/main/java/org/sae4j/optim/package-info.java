/** Optimizers (Adam, SGD with momentum) that update {@code nn.Parameter}s in place. Imports {@code nn} and {@code tensor}. */
package org.sae4j.optim;
