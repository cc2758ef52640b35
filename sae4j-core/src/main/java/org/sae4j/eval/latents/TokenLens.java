package org.sae4j.eval.latents;

import org.sae4j.InvalidInputException;

/**
 * The vocabulary tokens a latent's decoder direction points towards and away from: the largest and smallest dot
 * products of the direction with each token's row of an embedding matrix (the model's input embedding, or an
 * unembedding W_U given by the user). With W_U these are the tokens the latent promotes and suppresses, as in
 * SAEDashboard's logit tables; with the input embedding, the tokens whose embedding it resembles.
 */
public final class TokenLens {
    private final int[][] posIds;
    private final float[][] posValues;
    private final int[][] negIds;
    private final float[][] negValues;

    private TokenLens(int[][] posIds, float[][] posValues, int[][] negIds, float[][] negValues) {
        this.posIds = posIds;
        this.posValues = posValues;
        this.negIds = negIds;
        this.negValues = negValues;
    }

    /**
     * The {@code k} highest and lowest tokens for each of {@code width} directions [width × d] against
     * {@code embedding} [vocab × d].
     */
    public static TokenLens of(float[] directions, int width, float[] embedding, int vocab, int d, int k) {
        if (embedding.length != (long) vocab * d) {
            throw new InvalidInputException("The embedding matrix has " + embedding.length + " values; expected "
                    + vocab + " tokens × " + d + ".");
        }
        BlockedScores.Ranked[] r = BlockedScores.top(directions, width, embedding, vocab, d, k, false, true);
        int[][] pi = new int[width][];
        float[][] pv = new float[width][];
        int[][] ni = new int[width][];
        float[][] nv = new float[width][];
        for (int i = 0; i < width; i++) {
            pi[i] = r[i].columns();
            pv[i] = r[i].scores();
            ni[i] = r[width + i].columns();
            nv[i] = r[width + i].scores();
        }
        return new TokenLens(pi, pv, ni, nv);
    }

    /** Tokens with the largest dot product, largest first. */
    public int[] positiveIds(int latent) {
        return posIds[latent].clone();
    }

    public float[] positiveValues(int latent) {
        return posValues[latent].clone();
    }

    /** Tokens with the smallest dot product, smallest first. */
    public int[] negativeIds(int latent) {
        return negIds[latent].clone();
    }

    public float[] negativeValues(int latent) {
        return negValues[latent].clone();
    }
}
