package org.sae4j.model.sae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sae4j.model.ParameterSlice;
import org.sae4j.nn.Parameter;

/**
 * How an SAE points a dead latent at an input (Anthropic, "Towards Monosemanticity", 2023, simplified): its
 * decoder row becomes the direction of the input about b_dec, at the mean norm of the live decoder rows; its
 * encoder row the same direction at 0.2 times the live encoder norm; its encoder bias 0. Which latents and which
 * inputs is the trainer's choice. A transcoder's row is [x | y]: the decoder row takes y's direction about b_dec
 * (what the latent should write), the encoder row x's (what it should detect; b_dec is not in x's space).
 */
final class LatentReset {
    private LatentReset() {
    }

    /**
     * Rewrites each latent of {@code latents} from the matching row of {@code rows} (x for an SAE, [x | y] of
     * {@code d + dOut} values for a transcoder); returns what it rewrote.
     */
    static List<ParameterSlice> apply(Parameter wEnc, Parameter bEnc, Parameter wDec, float[] bDec, int d, int dOut,
                                      boolean transcoder, boolean[] dead, int[] latents, float[] rows) {
        float[] we = wEnc.value();
        float[] wd = wDec.value();
        double encNorm = meanLiveRowNorm(we, dead, d);
        double decNorm = meanLiveRowNorm(wd, dead, dOut);
        int rowSize = transcoder ? d + dOut : d;
        int targetAt = transcoder ? d : 0; // an SAE's target is its input
        List<ParameterSlice> rewritten = new ArrayList<>();
        for (int n = 0; n < latents.length; n++) {
            int i = latents[n];
            float[] write = new float[dOut];
            for (int j = 0; j < dOut; j++) {
                write[j] = rows[n * rowSize + targetAt + j] - bDec[j];
            }
            float[] detect = transcoder ? Arrays.copyOfRange(rows, n * rowSize, n * rowSize + d) : write;
            setRow(wd, i, write, decNorm, 1.0);
            setRow(we, i, detect, encNorm, 0.2);
            bEnc.value()[i] = 0f;
            rewritten.add(new ParameterSlice(wEnc, i * d, (i + 1) * d));
            rewritten.add(new ParameterSlice(wDec, i * dOut, (i + 1) * dOut));
            rewritten.add(new ParameterSlice(bEnc, i, i + 1));
        }
        return rewritten;
    }

    /**
     * Row i of w becomes {@code dir} scaled to {@code norm · scale} (zero for a zero direction). The product is taken
     * as dir · (1/|dir|) · norm · scale, left to right: the order the SAE's reset, pinned in a trained standard SAE's
     * bytes, has always used.
     */
    private static void setRow(float[] w, int i, float[] dir, double norm, double scale) {
        double sq = 0;
        for (float v : dir) {
            sq += (double) v * v;
        }
        double inv = sq > 0 ? 1.0 / Math.sqrt(sq) : 0;
        for (int j = 0; j < dir.length; j++) {
            w[i * dir.length + j] = (float) (dir[j] * inv * norm * scale);
        }
    }

    /** Mean L2 norm of the rows of {@code w} whose latent is alive (1 when none is). */
    private static double meanLiveRowNorm(float[] w, boolean[] dead, int d) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < dead.length; i++) {
            if (!dead[i]) {
                double sq = 0;
                for (int j = 0; j < d; j++) {
                    sq += (double) w[i * d + j] * w[i * d + j];
                }
                sum += Math.sqrt(sq);
                n++;
            }
        }
        return n == 0 ? 1.0 : sum / n;
    }
}
