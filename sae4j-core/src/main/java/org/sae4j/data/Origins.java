package org.sae4j.data;

/**
 * Where rows came from when they are tokens of documents (an activation store, a language model's capture): per row
 * the document number, the position in the model's input window and the token id, in three parallel arrays that a
 * source fills together with the rows' values. Sources whose rows stand alone (images, .npy files) have none.
 */
public record Origins(long[] docs, int[] positions, int[] tokens) {
    public Origins {
        if (docs.length != positions.length || docs.length != tokens.length) {
            throw new IllegalArgumentException("origins of " + docs.length + ", " + positions.length + " and " + tokens.length + " rows");
        }
    }

    /** Room for the origins of {@code rows} rows. */
    public static Origins of(int rows) {
        return new Origins(new long[rows], new int[rows], new int[rows]);
    }

    /** How many rows this has room for. */
    public int capacity() {
        return docs.length;
    }

    /** Sets row {@code i}. */
    public void set(int i, long doc, int position, int token) {
        docs[i] = doc;
        positions[i] = position;
        tokens[i] = token;
    }
}
