package org.sae4j.report;

import org.sae4j.eval.latents.TopActivations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/** The report's one-pass statistics against brute force over the dense activations of small data. */
class SaeReportScanTest {

    /** Rows spanning several inference chunks, so chunk boundaries are crossed. */
    private static Dataset data(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return new Dataset("random", v, rows, cols);
    }

    @Test
    void firingCountsEqualCountingEveryActivationOfEveryLatent() {
        for (Architecture arch : new Architecture[] {Architecture.TOPK, Architecture.STANDARD, Architecture.JUMPRELU}) {
            Dataset raw = data(2 * Model.INFERENCE_BATCH + 77, 12, arch.ordinal());
            SaeBuilder b = SaeBuilder.of(arch, 12).width(24).seed(5);
            SparseAutoencoder sae = (arch == Architecture.TOPK ? b.k(3) : b).build();
            Trainer.fit(sae, raw, FitOptions.builder().epochs(1).batchSize(128).normalization(Normalizer.Kind.STANDARDIZE).build());
            Dataset x = sae.prepare(raw);
            LatentScan scan = LatentScan.run(sae, x);
            float[] dense = sae.encode(x.values(), x.rows());
            int width = 24;
            long[] fires = new long[width];
            for (int latent = 0; latent < width; latent++) {
                for (int r = 0; r < x.rows(); r++) {
                    fires[latent] += dense[r * width + latent] > 0 ? 1 : 0;
                }
            }
            assertArrayEquals(fires, scan.sparsity().firingCounts(), arch + " firing counts");
        }
    }

    @Test
    void tiesKeepTheEarlierRowAndHeapsAreBounded() {
        TopActivations t = new TopActivations(2, 3);
        float[] stream = {1, 5, 5, 0, -1, 2, 5, 5, 3};
        for (int r = 0; r < stream.length; r++) {
            t.offer(0, r, stream[r]);
        }
        assertArrayEquals(new long[] {1, 2, 6}, t.top(0).rows());
        assertArrayEquals(new float[] {5, 5, 5}, t.top(0).values());
        assertEquals(0, t.top(1).count(), "a latent that never fired has no top inputs");
    }

    @Test
    void selectionIsSortedDistinctAndSeeded() {
        long[] fires = {0, 10, 3, 7, 0, 1, 10, 2, 5};
        LatentSelection s = LatentSelection.of(fires, 3, 42);
        assertArrayEquals(new int[] {1, 6, 3}, s.mostFrequent());
        assertArrayEquals(new int[] {5, 7, 2}, s.leastFrequent());
        assertEquals(3, s.random().length);
        assertTrue(IntStream.of(s.random()).allMatch(i -> fires[i] > 0), "only alive latents");
        assertArrayEquals(s.random(), LatentSelection.of(fires, 3, 42).random(), "same seed, same sample");
        // Few alive latents: the sections do not repeat each other and never exceed what exists.
        LatentSelection small = LatentSelection.of(new long[] {4, 0, 2}, 5, 1);
        assertArrayEquals(new int[] {0, 2}, small.mostFrequent());
        assertEquals(0, small.leastFrequent().length);
        assertEquals(2, small.random().length);
        assertArrayEquals(new int[] {0, 2}, Arrays.stream(small.all()).sorted().toArray());
    }
}
