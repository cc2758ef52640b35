package org.sae4j.lm.capture;

import java.util.Arrays;

/**
 * Captured rows: for each hook the activations [rows, width], and each row's token, document and position (the index
 * in the model's input window), growing as chunks are added.
 */
public final class Rows {
    private final int hooks;
    private final int width;
    private float[][] values;
    private int[] tokens = new int[256];
    private long[] docs = new long[256];
    private int[] positions = new int[256];
    private int size;

    public Rows(int hooks, int width) {
        this.hooks = hooks;
        this.width = width;
        this.values = new float[hooks][256 * width];
    }

    public int size() {
        return size;
    }

    public int width() {
        return width;
    }

    /** Hook {@code h}'s activations; rows beyond {@link #size()} are unused capacity. */
    public float[] values(int h) {
        return values[h];
    }

    public int[] tokens() {
        return tokens;
    }

    public long[] docs() {
        return docs;
    }

    public int[] positions() {
        return positions;
    }

    /** Appends a row: hook h's vector is {@code src[h][at, at + width)}. */
    void add(float[][] src, int at, int token, long doc, int position) {
        if (size == tokens.length) {
            int n = size * 2;
            tokens = Arrays.copyOf(tokens, n);
            docs = Arrays.copyOf(docs, n);
            positions = Arrays.copyOf(positions, n);
            for (int h = 0; h < hooks; h++) {
                values[h] = Arrays.copyOf(values[h], n * width);
            }
        }
        for (int h = 0; h < hooks; h++) {
            System.arraycopy(src[h], at, values[h], size * width, width);
        }
        tokens[size] = token;
        docs[size] = doc;
        positions[size] = position;
        size++;
    }

    /** Appends rows [from, to) of {@code other}. */
    public void addAll(Rows other, int from, int to) {
        for (int r = from; r < to; r++) {
            add(other.values, r * width, other.tokens[r], other.docs[r], other.positions[r]);
        }
    }

    /** Keeps only the rows where {@code keep} is true, in order. */
    void retain(boolean[] keep) {
        int n = 0;
        for (int r = 0; r < size; r++) {
            if (keep[r]) {
                if (n != r) {
                    for (int h = 0; h < hooks; h++) {
                        System.arraycopy(values[h], r * width, values[h], n * width, width);
                    }
                    tokens[n] = tokens[r];
                    docs[n] = docs[r];
                    positions[n] = positions[r];
                }
                n++;
            }
        }
        size = n;
    }

    /** Drops the first {@code n} rows. */
    public void dropFirst(int n) {
        int left = size - n;
        for (int h = 0; h < hooks; h++) {
            System.arraycopy(values[h], n * width, values[h], 0, left * width);
        }
        System.arraycopy(tokens, n, tokens, 0, left);
        System.arraycopy(docs, n, docs, 0, left);
        System.arraycopy(positions, n, positions, 0, left);
        size = left;
    }
}
