/**
 * Seeded superposition data with known features (the ground truth that recovery metrics score against), as an
 * in-memory dataset or an endless stream, and {@link org.sae4j.data.synthetic.SyntheticPairs}: inputs with targets
 * that are a known sparse function of them plus a known linear part, for transcoders. Imports {@code data} and
 * {@code tensor}.
 */
package org.sae4j.data.synthetic;
