package org.sae4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The machine's multiply-add roof as a kernel backend can reach it: every thread runs independent chains of
 * multiply-adds on values held in registers (no memory traffic), for a given time. Why measured rather than taken
 * from a table: the vector width the JVM uses, the FMA units per core, the clock under load and how many cores
 * the process really gets all differ by machine, and a product's "fraction of peak" (issue 19) is only honest
 * against what this process can do now.
 */
final class PeakFlops {
    private PeakFlops() {
    }

    /**
     * GFLOP/s (a multiply-add counts 2) of {@code body} on every thread at once for about {@code seconds}: body(n)
     * runs n rounds and returns the multiply-adds it did, folding its result into them so the JIT keeps the work.
     */
    static double measure(double seconds, LongUnaryOperator body) {
        for (int i = 0; i < 200; i++) {
            body.applyAsLong(1 << 14); // compile the loop (C2, not on-stack replacement) before timing it
        }
        int threads = ParallelRows.threads();
        long[] done = new long[threads];
        List<Thread> running = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread th = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    n += body.applyAsLong(1 << 20);
                }
                done[slot] = n;
            });
            th.start();
            running.add(th);
        }
        for (Thread th : running) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long fmas = 0;
        for (long n : done) {
            fmas += n;
        }
        return 2.0 * fmas / elapsed / 1e9;
    }

    /** Eight independent scalar FMA chains (the pure-Java backend's roof: what {@code Math.fma} reaches). */
    static long scalar(long rounds) {
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        float m = 0.999999f;
        float c = 1e-7f;
        for (int i = 0; i < (int) rounds; i++) { // an int counter: C2 unrolls counted int loops only
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
        }
        // The sum is never 0 for these values; the comparison keeps the chains alive without changing the count.
        return 8 * rounds + (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 == 0 ? 1 : 0);
    }
}
