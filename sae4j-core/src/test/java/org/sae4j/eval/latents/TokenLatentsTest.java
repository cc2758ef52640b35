package org.sae4j.eval.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Per token, the strongest latents kept in a stream against ranking every latent's true maximum on the token. */
class TokenLatentsTest {

    @Test
    void equalsRankingEveryLatentsMaximumOnEachToken() {
        int tokens = 30;
        int width = 40;
        for (int m : new int[] {1, 3, 7}) {
            SplittableRandom rnd = new SplittableRandom(m);
            float[][] max = new float[tokens][width];
            TokenLatents t = new TokenLatents(m);
            for (int i = 0; i < 20_000; i++) {
                int token = rnd.nextInt(tokens);
                int latent = rnd.nextInt(width);
                // Few distinct values (ties across latents), and values that grow along the stream so that
                // latents evicted early come back with larger maxima.
                float v = (float) (rnd.nextInt(8) + 1) * (1 + i / 5000);
                t.offer(token, latent, v);
                max[token][latent] = Math.max(max[token][latent], v);
            }
            assertEquals(tokens, t.tokens());
            for (int token = 0; token < tokens; token++) {
                float[] mx = max[token];
                int[] expected = IntStream.range(0, width).filter(l -> mx[l] > 0).boxed()
                        .sorted((a, b) -> mx[a] != mx[b] ? Float.compare(mx[b], mx[a]) : Integer.compare(a, b))
                        .limit(m).mapToInt(Integer::intValue).toArray();
                assertArrayEquals(expected, t.latents(token), "m " + m + ", token " + token);
                float[] values = new float[expected.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = mx[expected[i]];
                }
                assertArrayEquals(values, t.values(token));
            }
        }
        assertEquals(0, new TokenLatents(2).latents(5).length, "a token never offered has no latents");
    }
}
