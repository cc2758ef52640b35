package org.sae4j.tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time per phase of a training step, for {@code sae4j bench --phases} only: off by default (then a
 * lap is one volatile read), and meant for the single thread that drives the step. Laps never touch the math.
 */
public final class PhaseTimer {
    private static volatile boolean enabled;
    private static final Map<String, Long> TOTALS = new LinkedHashMap<>();
    private static long last;

    private PhaseTimer() {
    }

    public static void enable(boolean on) {
        enabled = on;
        synchronized (TOTALS) {
            TOTALS.clear();
        }
        last = System.nanoTime();
    }

    /** Starts the clock for the next lap without charging the time since the last one to any phase. */
    public static void start() {
        if (enabled) {
            last = System.nanoTime();
        }
    }

    /** Charges the time since the last lap (or start) to {@code phase}. */
    public static void lap(String phase) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        synchronized (TOTALS) {
            TOTALS.merge(phase, now - last, Long::sum);
        }
        last = now;
    }

    /** Nanoseconds per phase since {@link #enable}, in the order phases first appeared. */
    public static Map<String, Long> totals() {
        synchronized (TOTALS) {
            return new LinkedHashMap<>(TOTALS);
        }
    }
}
