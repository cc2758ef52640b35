package org.sae4j.eval.latents;

import org.sae4j.data.store.ActivationStore;

/**
 * Where rows came from, for the windows around a firing row: an activation store's document and token of each
 * row, or, for plain sources (an .npy, images), each row its own document without a token, so an example is its
 * row alone.
 */
public interface RowOrigins {
    /** Fills the documents and token ids of rows {@code first .. first + n - 1}. */
    void read(long first, int n, long[] docs, int[] tokens);

    /** True when rows are tokens of documents (a store), false when every row stands alone. */
    boolean hasDocuments();

    /** Each row is its own document, with no token. */
    static RowOrigins rowsAlone() {
        return new RowOrigins() {
            @Override
            public void read(long first, int n, long[] docs, int[] tokens) {
                for (int i = 0; i < n; i++) {
                    docs[i] = first + i;
                    tokens[i] = -1;
                }
            }

            @Override
            public boolean hasDocuments() {
                return false;
            }
        };
    }

    /** The documents and tokens an activation store records for its rows. */
    static RowOrigins of(ActivationStore store) {
        return new RowOrigins() {
            @Override
            public void read(long first, int n, long[] docs, int[] tokens) {
                ActivationStore.Provenance p = store.provenance(first, n);
                System.arraycopy(p.docs(), 0, docs, 0, n);
                System.arraycopy(p.tokens(), 0, tokens, 0, n);
            }

            @Override
            public boolean hasDocuments() {
                return true;
            }
        };
    }
}
