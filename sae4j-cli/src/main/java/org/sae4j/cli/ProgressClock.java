package org.sae4j.cli;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The pace of a training run in this process, for the live progress: samples a second and the time left, from the
 * steps taken since the clock started (a resumed run's earlier steps took another process's time, so they are not
 * counted), and when the next periodic line is due. The clock is given, so tests step it instead of waiting.
 */
final class ProgressClock {
    private final LongSupplier nanos;
    private final long intervalNanos;
    private long start = -1;
    private long nextLine;
    private long stepsHere;
    private long rowsHere;
    private long done;
    private long total;

    /** {@code intervalNanos} between periodic lines (0: none). */
    ProgressClock(LongSupplier nanos, long intervalNanos) {
        this.nanos = nanos;
        this.intervalNanos = intervalNanos;
    }

    /** Starts timing at the run's first step here (data loading and preparation are not the training's pace). */
    void start() {
        if (start < 0) {
            start = nanos.getAsLong();
            nextLine = start + intervalNanos;
        }
    }

    /** A step of {@code rows} rows ended; {@code stepsDone} of {@code totalSteps} are done in all. */
    void step(long stepsDone, long totalSteps, long rows) {
        start();
        stepsHere++;
        rowsHere += rows;
        done = stepsDone;
        total = totalSteps;
    }

    /** True when a periodic line is due now; the next is then due an interval later. */
    boolean lineDue() {
        long now = nanos.getAsLong();
        if (intervalNanos <= 0 || start < 0 || now < nextLine) {
            return false;
        }
        nextLine = now + intervalNanos;
        return true;
    }

    double samplesPerSecond() {
        double seconds = seconds();
        return seconds > 0 ? rowsHere / seconds : 0;
    }

    /** "ETA 3m12s" at the pace so far, or "ETA ?" before a step has ended. */
    String eta() {
        if (stepsHere == 0 || seconds() <= 0) {
            return "ETA ?";
        }
        return "ETA " + duration(seconds() / stepsHere * (total - done));
    }

    /** "step 1,234 of 5,000 (24.7%)". */
    String position() {
        return String.format(Locale.ROOT, "step %,d of %,d (%.1f%%)", done, total, total == 0 ? 0 : 100.0 * done / total);
    }

    private double seconds() {
        return start < 0 ? 0 : (nanos.getAsLong() - start) / 1e9;
    }

    /** 45s, 3m12s, 2h05m, 3d04h: short, for a bar that shares 80 columns. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }
}
