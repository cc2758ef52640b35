/** Recovery of known features: MMCS, MCC (Hungarian matching), uniqueness, precision, recall, F1. Imports {@code eval} and below. */
package org.sae4j.eval.groundtruth;
