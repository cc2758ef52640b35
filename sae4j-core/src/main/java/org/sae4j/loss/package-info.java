/** Reconstruction losses and the penalties of feature learning (KL, L1 activity, L1/L2 weights). Imports the root only. */
package org.sae4j.loss;
