package org.sae4j.eval.latents;

/**
 * Each latent's nearest latents by the cosine similarity of their decoder directions (SAEDashboard's "similar
 * features"): the directions are normalised and multiplied a block at a time, so 16k latents never need a
 * 16k × 16k matrix. A direction of zero length has cosine 0 with every other.
 */
public final class DecoderNeighbours {
    private final int[][] ids;
    private final float[][] cosines;

    private DecoderNeighbours(int[][] ids, float[][] cosines) {
        this.ids = ids;
        this.cosines = cosines;
    }

    /** The {@code k} nearest of each of the {@code width} rows of {@code directions} [width × d], nearest first. */
    public static DecoderNeighbours of(float[] directions, int width, int d, int k) {
        float[] unit = new float[width * d];
        for (int i = 0; i < width; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sq += (double) directions[i * d + j] * directions[i * d + j];
            }
            float inv = sq > 0 ? (float) (1 / Math.sqrt(sq)) : 0f;
            for (int j = 0; j < d; j++) {
                unit[i * d + j] = directions[i * d + j] * inv;
            }
        }
        BlockedScores.Ranked[] r = BlockedScores.top(unit, width, unit, width, d, k, true, false);
        int[][] ids = new int[width][];
        float[][] cos = new float[width][];
        for (int i = 0; i < width; i++) {
            ids[i] = r[i].columns();
            cos[i] = r[i].scores();
        }
        return new DecoderNeighbours(ids, cos);
    }

    public int[] ids(int latent) {
        return ids[latent].clone();
    }

    public float[] cosines(int latent) {
        return cosines[latent].clone();
    }
}
