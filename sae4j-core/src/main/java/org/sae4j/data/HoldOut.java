package org.sae4j.data;

import org.sae4j.InvalidInputException;

/**
 * The one hold-out split, for in-memory and streamed data alike: the last {@code fraction} of the rows (before
 * any shuffling, as Keras' {@code validation_split}), at most a cap, never trained on.
 *
 * @param trainRows   the rows before the held-out slice
 * @param heldOutRows the rows of the held-out slice (0 for none)
 */
public record HoldOut(long trainRows, long heldOutRows) {

    /** The split of {@code rows} rows of data {@code name}; refused when it leaves no row to train on. */
    public static HoldOut of(String name, long rows, double fraction, long cap) {
        long heldOut = (long) Math.min(Math.floor(rows * fraction), cap);
        if (rows - heldOut <= 0) {
            throw new InvalidInputException("Data '" + name + "' has " + rows + " rows, which leaves none for training "
                    + "after the validation split of " + fraction + ".");
        }
        return new HoldOut(rows - heldOut, heldOut);
    }

    /** The rows of an in-memory dataset on either side of the split; {@code heldOut} is null when none are held out. */
    public record Split(Dataset train, Dataset heldOut) {
    }

    /** The split of an in-memory dataset. */
    public static Split split(Dataset data, double fraction) {
        HoldOut h = of(data.name(), data.rows(), fraction, Long.MAX_VALUE);
        int train = (int) h.trainRows();
        return new Split(data.slice(0, train), h.heldOutRows() == 0 ? null : data.slice(train, data.rows()));
    }
}
