/** Layers of the deep autoencoders: {@link org.sae4j.nn.Parameter}, dense layers and activations. Imports {@code tensor}. */
package org.sae4j.nn;
