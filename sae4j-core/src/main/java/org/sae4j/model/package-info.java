/**
 * What a model is, as its equations: {@link org.sae4j.model.Model} (forward and backward, encode, decode, and the
 * hooks the trainer calls: {@code traits}, {@code prepare}, {@code afterStep}, {@code reinitialise}, buffers),
 * {@link org.sae4j.model.BatchResult}, {@link org.sae4j.model.StepContext} (the policy the trainer hands in), the
 * deep {@link org.sae4j.model.Autoencoder}, and history. A model never knows its trainer or its file format.
 * Imports {@code data}, {@code tensor}, {@code nn}, {@code loss}; never {@code train}, {@code io} or above.
 */
package org.sae4j.model;
