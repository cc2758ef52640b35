/**
 * The language model behind a store, for the feature browser (the core's {@code data.store.StoreModel} seam): the
 * input embedding matrix for the token lens and "try your own text". Imports {@code lm} and sae4j-core.
 */
package org.sae4j.lm.browse;
