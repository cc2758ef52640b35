package org.sae4j.report;

import org.sae4j.eval.latents.TopActivations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
    void topActivationsEqualSortingEveryActivationOfEveryLatent() {
        for (Architecture arch : new Architecture[] {Architecture.TOPK, Architecture.STANDARD, Architecture.JUMPRELU}) {
            Dataset raw = data(2 * Model.INFERENCE_BATCH + 77, 12, arch.ordinal());
            SaeBuilder b = SaeBuilder.of(arch, 12).width(24).seed(5);
            SparseAutoencoder sae = (arch == Architecture.TOPK ? b.k(3) : b).build();
            Trainer.fit(sae, raw, FitOptions.builder().epochs(1).batchSize(128).normalization(Normalizer.Kind.STANDARDIZE).build());
            Dataset x = sae.prepare(raw);
            int topN = 7;
            LatentScan scan = LatentScan.run(sae, x, topN);
            float[] dense = sae.encode(x.values(), x.rows());
            int width = 24;
            long[] fires = new long[width];
            for (int latent = 0; latent < width; latent++) {
                List<long[]> entries = new ArrayList<>(); // {row, bits of value}
                float max = 0;
                for (int r = 0; r < x.rows(); r++) {
                    float v = dense[r * width + latent];
                    if (v > 0) {
                        entries.add(new long[] {r, Float.floatToIntBits(v)});
                        fires[latent]++;
                        max = Math.max(max, v);
                    }
                }
                entries.sort(Comparator.<long[]>comparingDouble(e -> -Float.intBitsToFloat((int) e[1]))
                        .thenComparingLong(e -> e[0]));
                int n = Math.min(topN, entries.size());
                long[] rows = new long[n];
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    rows[i] = entries.get(i)[0];
                    values[i] = Float.intBitsToFloat((int) entries.get(i)[1]);
                }
                TopActivations.Top top = scan.top().top(latent);
                assertArrayEquals(rows, top.rows(), arch + " latent " + latent + " rows");
                assertArrayEquals(values, top.values(), arch + " latent " + latent + " values");

                ActivationHistograms.Histogram h = scan.histograms().of(latent);
                assertEquals(fires[latent], h.total(), "every firing activation is in the histogram");
                assertEquals(max, h.max());
                assertTrue(fires[latent] == 0 || (h.range() > max && h.range() <= 2 * max + 1e-6),
                        "range covers the max and wastes under half the bins: " + h.range() + " for " + max);
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
    void histogramBinsAreExactAfterRangeDoubling() {
        ActivationHistograms h = new ActivationHistograms(1, 4);
        for (float v : new float[] {1f, 0.1f, 0.6f, 3.5f, 0f, -2f}) {
            h.add(0, v);
        }
        // Range grows 1 -> 2 -> 4: bins of width 1 hold {0.1, 0.6}, {1}, {}, {3.5}.
        ActivationHistograms.Histogram r = h.of(0);
        assertEquals(4.0, r.range());
        assertArrayEquals(new int[] {2, 1, 0, 1}, r.counts());
        assertEquals(3.5f, r.max());
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
