package org.sae4j.lm.capture;

/**
 * One model input: token {@code ids} (the special tokens around it included) cut from document {@code doc}, the
 * {@code index}-th window of that document; {@code lead} and {@code trail} special tokens are at its ends.
 */
public record Window(long doc, int index, int[] ids, int lead, int trail) {
    public int length() {
        return ids.length;
    }

    /** True for a position that holds one of the special tokens around the window. */
    public boolean special(int position) {
        return position < lead || position >= ids.length - trail;
    }
}
