package org.sae4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of {@link VectorKernels}, one per register file ({@link TileShape} picks):
 * rows × 2 vectors of c stay in accumulator registers while the terms stream by; A comes packed (the rows'
 * values of one term side by side) and B in {@link Panels}. Each c element is one chain of fused multiply-adds
 * in term order, so the bits do not depend on the tiling. The starting values come from {@code in} (c itself,
 * or a row of zeros read with stride 0: one clearing pass over c saved, same bits as fma(a, b, +0) rounds as
 * a·b; a ternary between a zero vector and a load made C2 box the vectors). Written out by hand (no arrays of
 * vectors): C2 keeps only named locals in registers.
 */
final class VectorTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorTiles() {
    }

    /**
     * c rows at cOff, cOff + cs, … (8 rows, one panel wide) = in + packed A (8 per term) · panel: sixteen
     * accumulators, for machines with 32 vector registers (AVX-512), where two terms' b fit beside them.
     */
    static void tile8(float[] pa, int a0, float[] p, int base, float[] in, int inOff, int inStride,
                      float[] c, int cOff, int cs, int terms) {
        FloatVector x0 = FloatVector.fromArray(S, in, inOff + 0 * inStride);
        FloatVector y0 = FloatVector.fromArray(S, in, inOff + 0 * inStride + L);
        FloatVector x1 = FloatVector.fromArray(S, in, inOff + 1 * inStride);
        FloatVector y1 = FloatVector.fromArray(S, in, inOff + 1 * inStride + L);
        FloatVector x2 = FloatVector.fromArray(S, in, inOff + 2 * inStride);
        FloatVector y2 = FloatVector.fromArray(S, in, inOff + 2 * inStride + L);
        FloatVector x3 = FloatVector.fromArray(S, in, inOff + 3 * inStride);
        FloatVector y3 = FloatVector.fromArray(S, in, inOff + 3 * inStride + L);
        FloatVector x4 = FloatVector.fromArray(S, in, inOff + 4 * inStride);
        FloatVector y4 = FloatVector.fromArray(S, in, inOff + 4 * inStride + L);
        FloatVector x5 = FloatVector.fromArray(S, in, inOff + 5 * inStride);
        FloatVector y5 = FloatVector.fromArray(S, in, inOff + 5 * inStride + L);
        FloatVector x6 = FloatVector.fromArray(S, in, inOff + 6 * inStride);
        FloatVector y6 = FloatVector.fromArray(S, in, inOff + 6 * inStride + L);
        FloatVector x7 = FloatVector.fromArray(S, in, inOff + 7 * inStride);
        FloatVector y7 = FloatVector.fromArray(S, in, inOff + 7 * inStride + L);
        int t = 0;
        // Two terms per trip: half the loop overhead and index checks per fused multiply-add.
        for (; t + 2 <= terms; t += 2) {
            int ai = a0 + t * 8;
            int pi = base + t * 2 * L;
            FloatVector bx0 = FloatVector.fromArray(S, p, pi + 0 * L);
            FloatVector by0 = FloatVector.fromArray(S, p, pi + 1 * L);
            FloatVector bx1 = FloatVector.fromArray(S, p, pi + 2 * L);
            FloatVector by1 = FloatVector.fromArray(S, p, pi + 3 * L);
            FloatVector s00 = FloatVector.broadcast(S, pa[ai + 0]);
            x0 = bx0.fma(s00, x0);
            y0 = by0.fma(s00, y0);
            FloatVector s01 = FloatVector.broadcast(S, pa[ai + 1]);
            x1 = bx0.fma(s01, x1);
            y1 = by0.fma(s01, y1);
            FloatVector s02 = FloatVector.broadcast(S, pa[ai + 2]);
            x2 = bx0.fma(s02, x2);
            y2 = by0.fma(s02, y2);
            FloatVector s03 = FloatVector.broadcast(S, pa[ai + 3]);
            x3 = bx0.fma(s03, x3);
            y3 = by0.fma(s03, y3);
            FloatVector s04 = FloatVector.broadcast(S, pa[ai + 4]);
            x4 = bx0.fma(s04, x4);
            y4 = by0.fma(s04, y4);
            FloatVector s05 = FloatVector.broadcast(S, pa[ai + 5]);
            x5 = bx0.fma(s05, x5);
            y5 = by0.fma(s05, y5);
            FloatVector s06 = FloatVector.broadcast(S, pa[ai + 6]);
            x6 = bx0.fma(s06, x6);
            y6 = by0.fma(s06, y6);
            FloatVector s07 = FloatVector.broadcast(S, pa[ai + 7]);
            x7 = bx0.fma(s07, x7);
            y7 = by0.fma(s07, y7);
            FloatVector s10 = FloatVector.broadcast(S, pa[ai + 8]);
            x0 = bx1.fma(s10, x0);
            y0 = by1.fma(s10, y0);
            FloatVector s11 = FloatVector.broadcast(S, pa[ai + 9]);
            x1 = bx1.fma(s11, x1);
            y1 = by1.fma(s11, y1);
            FloatVector s12 = FloatVector.broadcast(S, pa[ai + 10]);
            x2 = bx1.fma(s12, x2);
            y2 = by1.fma(s12, y2);
            FloatVector s13 = FloatVector.broadcast(S, pa[ai + 11]);
            x3 = bx1.fma(s13, x3);
            y3 = by1.fma(s13, y3);
            FloatVector s14 = FloatVector.broadcast(S, pa[ai + 12]);
            x4 = bx1.fma(s14, x4);
            y4 = by1.fma(s14, y4);
            FloatVector s15 = FloatVector.broadcast(S, pa[ai + 13]);
            x5 = bx1.fma(s15, x5);
            y5 = by1.fma(s15, y5);
            FloatVector s16 = FloatVector.broadcast(S, pa[ai + 14]);
            x6 = bx1.fma(s16, x6);
            y6 = by1.fma(s16, y6);
            FloatVector s17 = FloatVector.broadcast(S, pa[ai + 15]);
            x7 = bx1.fma(s17, x7);
            y7 = by1.fma(s17, y7);
        }
        if (t < terms) {
            int ai = a0 + t * 8;
            int pi = base + t * 2 * L;
            FloatVector bx = FloatVector.fromArray(S, p, pi);
            FloatVector by = FloatVector.fromArray(S, p, pi + L);
            FloatVector s0 = FloatVector.broadcast(S, pa[ai + 0]);
            x0 = bx.fma(s0, x0);
            y0 = by.fma(s0, y0);
            FloatVector s1 = FloatVector.broadcast(S, pa[ai + 1]);
            x1 = bx.fma(s1, x1);
            y1 = by.fma(s1, y1);
            FloatVector s2 = FloatVector.broadcast(S, pa[ai + 2]);
            x2 = bx.fma(s2, x2);
            y2 = by.fma(s2, y2);
            FloatVector s3 = FloatVector.broadcast(S, pa[ai + 3]);
            x3 = bx.fma(s3, x3);
            y3 = by.fma(s3, y3);
            FloatVector s4 = FloatVector.broadcast(S, pa[ai + 4]);
            x4 = bx.fma(s4, x4);
            y4 = by.fma(s4, y4);
            FloatVector s5 = FloatVector.broadcast(S, pa[ai + 5]);
            x5 = bx.fma(s5, x5);
            y5 = by.fma(s5, y5);
            FloatVector s6 = FloatVector.broadcast(S, pa[ai + 6]);
            x6 = bx.fma(s6, x6);
            y6 = by.fma(s6, y6);
            FloatVector s7 = FloatVector.broadcast(S, pa[ai + 7]);
            x7 = bx.fma(s7, x7);
            y7 = by.fma(s7, y7);
        }
        x0.intoArray(c, cOff + 0 * cs);
        y0.intoArray(c, cOff + 0 * cs + L);
        x1.intoArray(c, cOff + 1 * cs);
        y1.intoArray(c, cOff + 1 * cs + L);
        x2.intoArray(c, cOff + 2 * cs);
        y2.intoArray(c, cOff + 2 * cs + L);
        x3.intoArray(c, cOff + 3 * cs);
        y3.intoArray(c, cOff + 3 * cs + L);
        x4.intoArray(c, cOff + 4 * cs);
        y4.intoArray(c, cOff + 4 * cs + L);
        x5.intoArray(c, cOff + 5 * cs);
        y5.intoArray(c, cOff + 5 * cs + L);
        x6.intoArray(c, cOff + 6 * cs);
        y6.intoArray(c, cOff + 6 * cs + L);
        x7.intoArray(c, cOff + 7 * cs);
        y7.intoArray(c, cOff + 7 * cs + L);
    }

    /**
     * c rows at cOff, cOff + cs, … (6 rows, one panel wide) = in + packed A (6 per term) · panel: twelve
     * accumulators, two vectors of b and one broadcast fill the 16 registers of a 256-bit machine (AVX2), as in
     * OpenBLAS's Haswell kernels. One term per trip: unrolled to two like tile8 it ran 52-108 GFLOP/s against
     * 201-245 for this loop (alternating runs, 1024x784x4096), most likely spills: two terms' b beside twelve
     * accumulators are 17 live vectors (not checked in the assembly).
     */
    static void tile6(float[] pa, int a0, float[] p, int base, float[] in, int inOff, int inStride,
                      float[] c, int cOff, int cs, int terms) {
        FloatVector x0 = FloatVector.fromArray(S, in, inOff + 0 * inStride);
        FloatVector y0 = FloatVector.fromArray(S, in, inOff + 0 * inStride + L);
        FloatVector x1 = FloatVector.fromArray(S, in, inOff + 1 * inStride);
        FloatVector y1 = FloatVector.fromArray(S, in, inOff + 1 * inStride + L);
        FloatVector x2 = FloatVector.fromArray(S, in, inOff + 2 * inStride);
        FloatVector y2 = FloatVector.fromArray(S, in, inOff + 2 * inStride + L);
        FloatVector x3 = FloatVector.fromArray(S, in, inOff + 3 * inStride);
        FloatVector y3 = FloatVector.fromArray(S, in, inOff + 3 * inStride + L);
        FloatVector x4 = FloatVector.fromArray(S, in, inOff + 4 * inStride);
        FloatVector y4 = FloatVector.fromArray(S, in, inOff + 4 * inStride + L);
        FloatVector x5 = FloatVector.fromArray(S, in, inOff + 5 * inStride);
        FloatVector y5 = FloatVector.fromArray(S, in, inOff + 5 * inStride + L);
        int t = 0;
        for (; t < terms; t++) {
            int ai = a0 + t * 6;
            int pi = base + t * 2 * L;
            FloatVector bx0 = FloatVector.fromArray(S, p, pi);
            FloatVector by0 = FloatVector.fromArray(S, p, pi + 1 * L);
            FloatVector s00 = FloatVector.broadcast(S, pa[ai + 0]);
            x0 = bx0.fma(s00, x0);
            y0 = by0.fma(s00, y0);
            FloatVector s01 = FloatVector.broadcast(S, pa[ai + 1]);
            x1 = bx0.fma(s01, x1);
            y1 = by0.fma(s01, y1);
            FloatVector s02 = FloatVector.broadcast(S, pa[ai + 2]);
            x2 = bx0.fma(s02, x2);
            y2 = by0.fma(s02, y2);
            FloatVector s03 = FloatVector.broadcast(S, pa[ai + 3]);
            x3 = bx0.fma(s03, x3);
            y3 = by0.fma(s03, y3);
            FloatVector s04 = FloatVector.broadcast(S, pa[ai + 4]);
            x4 = bx0.fma(s04, x4);
            y4 = by0.fma(s04, y4);
            FloatVector s05 = FloatVector.broadcast(S, pa[ai + 5]);
            x5 = bx0.fma(s05, x5);
            y5 = by0.fma(s05, y5);
        }
        x0.intoArray(c, cOff + 0 * cs);
        y0.intoArray(c, cOff + 0 * cs + L);
        x1.intoArray(c, cOff + 1 * cs);
        y1.intoArray(c, cOff + 1 * cs + L);
        x2.intoArray(c, cOff + 2 * cs);
        y2.intoArray(c, cOff + 2 * cs + L);
        x3.intoArray(c, cOff + 3 * cs);
        y3.intoArray(c, cOff + 3 * cs + L);
        x4.intoArray(c, cOff + 4 * cs);
        y4.intoArray(c, cOff + 4 * cs + L);
        x5.intoArray(c, cOff + 5 * cs);
        y5.intoArray(c, cOff + 5 * cs + L);
    }
}
