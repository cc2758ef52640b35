package org.sae4j.eval.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Token lens and decoder neighbours against a direct computation, across more rows than one block. */
class TokenLensTest {
    @Test
    void lensAndNeighboursMatchDirectDotProducts() {
        int width = 300;
        int d = 6;
        int vocab = 50;
        SplittableRandom r = new SplittableRandom(4);
        float[] dirs = new float[width * d];
        float[] emb = new float[vocab * d];
        for (int i = 0; i < dirs.length; i++) {
            dirs[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < emb.length; i++) {
            emb[i] = (float) r.nextGaussian();
        }
        TokenLens lens = TokenLens.of(dirs, width, emb, vocab, d, 5);
        DecoderNeighbours nb = DecoderNeighbours.of(dirs, width, d, 4);
        for (int l : new int[] {0, 257, 299}) {
            double[] dot = new double[vocab];
            for (int t = 0; t < vocab; t++) {
                for (int j = 0; j < d; j++) {
                    dot[t] += (double) dirs[l * d + j] * emb[t * d + j];
                }
            }
            int[] hi = IntStream.range(0, vocab).boxed().sorted(Comparator.comparingDouble(t -> -dot[t])).limit(5)
                    .mapToInt(Integer::intValue).toArray();
            int[] lo = IntStream.range(0, vocab).boxed().sorted(Comparator.comparingDouble(t -> dot[t])).limit(5)
                    .mapToInt(Integer::intValue).toArray();
            assertArrayEquals(hi, lens.positiveIds(l));
            assertArrayEquals(lo, lens.negativeIds(l));
            assertEquals(dot[hi[0]], lens.positiveValues(l)[0], 1e-4);

            double[] cos = new double[width];
            for (int o = 0; o < width; o++) {
                double a = 0;
                double na = 0;
                double no = 0;
                for (int j = 0; j < d; j++) {
                    a += dirs[l * d + j] * dirs[o * d + j];
                    na += dirs[l * d + j] * dirs[l * d + j];
                    no += dirs[o * d + j] * dirs[o * d + j];
                }
                cos[o] = o == l ? Double.NEGATIVE_INFINITY : a / Math.sqrt(na * no);
            }
            int[] near = IntStream.range(0, width).boxed().sorted(Comparator.comparingDouble(o -> -cos[o])).limit(4)
                    .mapToInt(Integer::intValue).toArray();
            assertArrayEquals(near, nb.ids(l));
        }
    }
}
