/**
 * Trainable tensors and the layers of the deep autoencoders: {@link org.sae4j.nn.Parameter}, dense layers and
 * activations, and {@link org.sae4j.nn.RowConstraint} (rows an optimizer keeps on a set, such as an SAE's unit-norm
 * decoder rows). Imports {@code tensor}.
 */
package org.sae4j.nn;
