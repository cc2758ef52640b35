package org.sae4j.data;

import java.util.Arrays;

/** An append-only float array, so text readers need not know the row count up front. */
final class FloatList {
    private float[] items = new float[1024];
    private int size;

    void add(float v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, items.length * 2);
        }
        items[size++] = v;
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
