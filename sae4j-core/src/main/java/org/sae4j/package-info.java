/**
 * sae4j: sparse autoencoders on the JVM. The root holds what every layer shares: {@link org.sae4j.InvalidInputException}
 * (a user's mistake, said in one sentence) and {@link org.sae4j.Memory}.
 *
 * <p>Layers, bottom up; a package imports only from its own layer or below, never from above:
 * {@code format} → {@code tensor}, {@code data} → {@code nn}, {@code loss}, {@code optim} → {@code model} → {@code eval} →
 * {@code train} → {@code io} → {@code report} → (module sae4j-cli) {@code cli}.
 */
package org.sae4j;
