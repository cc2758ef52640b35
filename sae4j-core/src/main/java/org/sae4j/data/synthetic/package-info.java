/**
 * Seeded superposition data with known features (the ground truth that recovery metrics score against), as an
 * in-memory dataset or an endless stream. Imports {@code data} and {@code tensor}.
 */
package org.sae4j.data.synthetic;
