package org.sae4j.model;

import java.util.List;

/** What {@code fit} returns: one entry per epoch, in order. */
public record History(List<EpochStats> epochs) {

    public History {
        epochs = List.copyOf(epochs);
    }

    public EpochStats last() {
        return epochs.get(epochs.size() - 1);
    }
}
