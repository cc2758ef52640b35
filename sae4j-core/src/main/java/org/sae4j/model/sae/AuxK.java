package org.sae4j.model.sae;

import org.sae4j.tensor.SparseCode;

/** Selection of the AuxK latents: per sample, the top k_aux pre-activations among the dead latents, ReLU applied. */
final class AuxK {
    private AuxK() {
    }

    /** Pre-activations are {@code product + bias}, added here for the dead latents only. */
    static SparseCode select(float[] product, float[] bias, int batch, int width, boolean[] dead, int deadCount,
                             int auxK) {
        int[] deadIdx = new int[deadCount];
        int n = 0;
        for (int i = 0; i < width; i++) {
            if (dead[i]) {
                deadIdx[n++] = i;
            }
        }
        int k = Math.min(auxK, deadCount);
        float[] gathered = new float[batch * deadCount];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < deadCount; j++) {
                gathered[r * deadCount + j] = product[r * width + deadIdx[j]] + bias[deadIdx[j]];
            }
        }
        SparseCode local = org.sae4j.tensor.Selection.topKPerRow(gathered, batch, deadCount, k);
        int[] index = new int[local.size()];
        for (int e = 0; e < index.length; e++) {
            index[e] = deadIdx[local.index()[e]]; // dead indices ascend, so columns stay ascending
        }
        return new SparseCode(batch, width, local.rowStart(), index, local.value());
    }
}
