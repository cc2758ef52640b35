package org.sae4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticStreamTest {

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** Per-feature firing counts over n samples, read from the true coefficients. */
    private static long[] fires(SyntheticSpec spec, int n, long[][] pairs) {
        SyntheticStream s = spec.stream();
        int g = spec.numFeatures();
        long[] counts = new long[g];
        int chunk = 1000;
        float[] x = new float[chunk * spec.dim()];
        float[] c = new float[chunk * g];
        for (int done = 0; done < n; done += chunk) {
            s.next(x, c, chunk);
            for (int i = 0; i < chunk; i++) {
                for (int f = 0; f < g; f++) {
                    if (c[i * g + f] > 0) {
                        counts[f]++;
                        if (pairs != null) {
                            for (int h = 0; h < g; h++) {
                                pairs[f][h] += c[i * g + h] > 0 ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }
        return counts;
    }

    @Test
    void sameSeedSameBytesDifferentSeedDifferentBytes() {
        String spec = "synthetic:features=100,dim=16,active=4,samples=500";
        byte[] a = bytes(SyntheticSpec.parse(spec + ",seed=1").dataset().values());
        byte[] b = bytes(SyntheticSpec.parse(spec + ",seed=1").dataset().values());
        byte[] c = bytes(SyntheticSpec.parse(spec + ",seed=2").dataset().values());
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void samplesDoNotDependOnChunkingAndSeekReplays() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=64,dim=8,active=6,correlation=0.5,hierarchy=1");
        float[] whole = spec.stream().take(100).values();
        SyntheticStream s = spec.stream();
        float[] pieces = new float[100 * 8];
        float[] buf = new float[37 * 8];
        int done = 0;
        for (int rows : new int[] {1, 7, 37, 30, 25}) {
            s.next(buf, rows);
            System.arraycopy(buf, 0, pieces, done * 8, rows * 8);
            done += rows;
        }
        assertArrayEquals(whole, pieces);
        s.seek(40);
        assertArrayEquals(Arrays.copyOfRange(whole, 40 * 8, 50 * 8), s.take(10).values());
        assertEquals(50, s.position());
        // start=40 is the same as seeking to 40: a held-out set shares the features, not the samples.
        assertArrayEquals(Arrays.copyOfRange(whole, 40 * 8, 60 * 8),
                SyntheticSpec.parse(spec.format().replace("start=0", "start=40").replace("samples=200000",
                        "samples=20")).dataset().values());
    }

    @Test
    void samplesAreTheCoefficientWeightedSumOfFeatures() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=30,dim=5,active=3,coeffmin=0.5,coeffmax=2");
        SyntheticStream s = spec.stream();
        float[] f = s.features();
        float[] x = new float[200 * 5];
        float[] c = new float[200 * 30];
        s.next(x, c, 200);
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 5; j++) {
                double sum = 0;
                for (int k = 0; k < 30; k++) {
                    float ck = c[i * 30 + k];
                    assertTrue(ck == 0 || (ck >= 0.5f && ck <= 2f), "coefficient " + ck);
                    sum += ck * f[k * 5 + j];
                }
                assertEquals(sum, x[i * 5 + j], 1e-5);
            }
        }
    }

    @Test
    void uniformFiringRateMatchesTheSpecOnOneHundredThousandSamples() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=512,dim=4,active=5");
        int n = 100_000;
        long[] counts = fires(spec, n, null);
        long total = Arrays.stream(counts).sum();
        // Mean active count 5 with per-sample sd ~ sqrt(5): the mean over 1e5 samples is within 0.03 at 4 sigma.
        assertEquals(5.0, (double) total / n, 0.03);
        double p = 5.0 / 512;
        double sd = Math.sqrt(p * (1 - p) / n);
        for (int f = 0; f < 512; f++) {
            // 5 sigma per feature keeps 512 checks from failing by chance.
            assertEquals(p, (double) counts[f] / n, 5 * sd, "feature " + f);
        }
    }

    @Test
    void zipfRatesFallAsAPowerLawWithTheSameExpectedCount() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=200,dim=4,active=2,dist=zipf,alpha=1.1");
        double[] p = spec.firingProbabilities();
        assertTrue(p[0] < 1, "no capping at this rate: " + p[0]);
        assertEquals(2.0, Arrays.stream(p).sum(), 1e-9);
        assertEquals(Math.pow(10, -1.1), p[9] / p[0], 1e-12);
        int n = 100_000;
        long[] counts = fires(spec, n, null);
        for (int f = 0; f < 200; f++) {
            double sd = Math.sqrt(p[f] * (1 - p[f]) / n);
            assertEquals(p[f], (double) counts[f] / n, 5 * sd + 1e-9, "feature " + f);
        }
    }

    @Test
    void probabilitiesAboveOneAreCappedAndTheExcessSpread() {
        // Zipf weights 1, 1/2, 1/3, 1/4 scaled to sum 3 would give the first 1.44; capped at 1, the rest share 2.
        double[] p = SyntheticSpec.parse("synthetic:features=4,active=3,dist=zipf,alpha=1").firingProbabilities();
        assertEquals(1.0, p[0]);
        assertEquals(3.0, Arrays.stream(p).sum(), 1e-12);
        assertEquals(2.0 / (1 / 2.0 + 1 / 3.0 + 1 / 4.0) / 2, p[1], 1e-12);
        assertEquals(20_000, fires(SyntheticSpec.parse("synthetic:features=4,active=3,dist=zipf,alpha=1"), 20_000,
                null)[0]);
    }

    @Test
    void childrenFireOnlyWithTheirParent() {
        // Blocks of 1 + 3: features 0, 4, 8, ... are parents; childprob 0.5.
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=40,dim=4,active=4,hierarchy=3,childprob=0.5");
        double[] p = spec.firingProbabilities();
        assertEquals(4.0, Arrays.stream(p).sum(), 1e-12);
        // 10 roots, each worth 1 + 3 * 0.5 expected features: p(root) = 4 / 25.
        assertEquals(4.0 / 25, p[0], 1e-12);
        assertEquals(2.0 / 25, p[1], 1e-12);
        int n = 50_000;
        long[][] together = new long[40][40];
        long[] counts = fires(spec, n, together);
        for (int f = 0; f < 40; f++) {
            int parent = f / 4 * 4;
            if (f != parent) {
                assertEquals(counts[f], together[f][parent], "child " + f + " fired without parent " + parent);
                assertEquals(0.5, (double) together[parent][f] / counts[parent], 0.03, "child " + f);
            }
            double sd = Math.sqrt(p[f] * (1 - p[f]) / n);
            assertEquals(p[f], (double) counts[f] / n, 5 * sd, "feature " + f);
        }
    }

    @Test
    void correlatedGroupsFireTogetherAndKeepTheirRates() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=20,dim=4,active=2,correlation=0.8,groupsize=2");
        double p = 0.1;
        int n = 100_000;
        long[][] together = new long[20][20];
        long[] counts = fires(spec, n, together);
        double sd = Math.sqrt(p * (1 - p) / n);
        for (int f = 0; f < 20; f++) {
            assertEquals(p, (double) counts[f] / n, 5 * sd, "feature " + f);
        }
        // Shared event 0.08; own events (0.1 - 0.08) / 0.92 each: P(both) = 0.08 + 0.92 * own^2.
        double own = (p - 0.08) / 0.92;
        double both = 0.08 + 0.92 * own * own;
        assertEquals(both, (double) together[0][1] / n, 0.004);
        assertEquals(both, (double) together[6][7] / n, 0.004);
        // Across groups they stay independent: P(both) = p^2.
        assertEquals(p * p, (double) together[1][2] / n, 0.002);
    }

    @Test
    void constantCoefficientsAreExact() {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:features=10,dim=3,active=2,coeff=constant,coeffmax=0.75");
        float[] c = new float[50 * 10];
        spec.stream().next(new float[50 * 3], c, 50);
        for (float v : c) {
            assertTrue(v == 0f || v == 0.75f, "coefficient " + v);
        }
    }

    @Test
    void streamIsNotMaterialised() {
        // The textbook spec with a billion samples costs only the features and one chunk.
        SyntheticStream s = SyntheticSpec.parse("synthetic:samples=1000000000").stream();
        float[] x = new float[4 * 128];
        s.seek(999_999_990L);
        s.next(x, 4);
        assertEquals(999_999_994L, s.position());
        assertEquals(128, s.dim());
        assertEquals(512, s.numFeatures());
    }
}
