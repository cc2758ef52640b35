package org.sae4j.lm.capture;

/**
 * One document's text and its number: the number every row it gives carries as its document (a store's
 * {@code doc_ids}). A corpus numbers its documents in reading order; a DataFrame of texts numbers them itself.
 * Serializable, so a cluster can move documents between its machines.
 */
public record Document(long id, String text) implements java.io.Serializable {
}
