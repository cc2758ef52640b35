/**
 * The dictionary-learning SAEs: {@link org.sae4j.model.sae.SparseAutoencoder} with one class per architecture
 * (standard, TopK, BatchTopK, JumpReLU, Matryoshka, gated), each mostly one override. Imports {@code model},
 * {@code nn}, {@code tensor}, {@code data}.
 */
package org.sae4j.model.sae;
