package org.sae4j.lm.tokenizer;

import java.util.Arrays;

/** A growable list of token ids without boxing. */
final class IdList {
    private int[] ids = new int[64];
    private int size;

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    void addAll(int[] more) {
        for (int id : more) {
            add(id);
        }
    }

    int size() {
        return size;
    }

    void truncate(int n) {
        size = n;
    }

    int[] toArray() {
        return Arrays.copyOf(ids, size);
    }
}
