package org.sae4j.model.sae;

import org.sae4j.tensor.SparseCode;
import org.sae4j.tensor.WideTopK;

/**
 * Selection of the AuxK latents: per sample, the positive ones among the top k_aux pre-activations of the dead
 * latents.
 */
final class AuxK {
    private AuxK() {
    }

    /**
     * Pre-activations are {@code product + bias}, added here for the dead latents only. Only the positive ones
     * are kept: ReLU zeroes the rest, and a zero adds nothing to x̂ nor to any gradient (its value gradient is
     * masked), so dropping them changes no bit; on random inputs 95-99% of the k_aux are at or below zero. k_aux
     * is often a tenth of the dead latents, so the selection is {@link WideTopK}'s linear one, not the heap made
     * for TopK's k.
     */
    static SparseCode select(float[] product, float[] bias, int batch, int width, boolean[] dead, int auxK) {
        return WideTopK.positiveTopKPerRow(product, bias, batch, width, WideTopK.columnsOf(dead), auxK);
    }
}
