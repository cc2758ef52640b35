/** Logistic-regression probes on latents and on raw inputs, with settings chosen by validation. Imports {@code eval} and below. */
package org.sae4j.eval.probe;
