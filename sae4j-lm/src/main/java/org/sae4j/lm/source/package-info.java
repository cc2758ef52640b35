/**
 * {@code --data lm:...}: a model's activations as a training {@link org.sae4j.data.BatchSource} with no store on
 * disk, registered with the core as a {@link org.sae4j.data.StreamProvider}. Imports {@code lm.capture} and below,
 * and the core's {@code data} and {@code tensor}.
 */
package org.sae4j.lm.source;
