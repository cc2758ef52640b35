package org.sae4j.eval.latents;

/**
 * One example of a latent firing: the row, its activation, and a window of the rows around it from the same
 * document (for inputs without documents, the row alone).
 *
 * @param row     the firing row
 * @param value   the latent's activation on it, exactly
 * @param doc     the row's document (the row itself for sources without documents)
 * @param firing  the firing row's index in the window
 * @param tokens  each window row's token id (-1 for sources without tokens)
 * @param values  the latent's activation on each window row (to binary16 precision)
 */
public record Example(long row, float value, long doc, int firing, int[] tokens, float[] values) {
    /** The window's first row. */
    public long firstRow() {
        return row - firing;
    }
}
