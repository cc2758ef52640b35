/**
 * The dictionary-learning SAEs: {@link org.sae4j.model.sae.SparseAutoencoder} with one class per architecture
 * (standard, TopK, BatchTopK, JumpReLU, Matryoshka, gated), each mostly one override; JumpReLU and gated share
 * {@link org.sae4j.model.sae.ThresholdBudget}, how their thresholds follow a top-k budget at a target L0; every sparse
 * step passes back through {@code SparseBackward}. Imports {@code model}, {@code nn}, {@code tensor}, {@code data}.
 */
package org.sae4j.model.sae;
