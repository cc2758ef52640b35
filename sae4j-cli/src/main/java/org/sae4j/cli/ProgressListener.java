package org.sae4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sae4j.model.EpochStats;
import org.sae4j.train.TrainingListener;

/**
 * Live progress unless quiet, then a one-line summary of each epoch. On a terminal, a bar per epoch (loss,
 * sparsity, the run's ETA). The bar redraws itself with carriage returns, which only a terminal understands: in a
 * log file or pipe each frame would be a line of junk, so there a plain line is written every
 * {@value #LOG_SECONDS} s instead (step, loss, sparsity, samples/s, ETA): a long run, a {@code --samples} run above
 * all (one "epoch" to its end), would otherwise print nothing for hours.
 */
final class ProgressListener implements TrainingListener {
    /** Seconds between progress lines when the output is not a terminal. */
    static final int LOG_SECONDS = 10;

    private final PrintWriter out;
    private final int codeSize;
    private final boolean showBar;
    private final ProgressClock clock;
    private ProgressBar bar;
    private EpochStats running;
    private int epoch;
    private int epochs;
    private int width = 80;

    /** {@code live}: a bar on a terminal, else a line every {@value #LOG_SECONDS} s; neither when false (quiet). */
    ProgressListener(PrintWriter out, int codeSize, boolean live) {
        this(out, codeSize, live && interactive(), live && !interactive() ? LOG_SECONDS * 1_000_000_000L : 0,
                System::nanoTime);
    }

    /** With the bar or not, a line every {@code logEveryNanos} (0: none), timed by {@code nanos}. */
    ProgressListener(PrintWriter out, int codeSize, boolean showBar, long logEveryNanos, java.util.function.LongSupplier nanos) {
        this.out = out;
        this.codeSize = codeSize;
        this.showBar = showBar;
        this.clock = new ProgressClock(nanos, logEveryNanos);
    }

    boolean showsBar() {
        return showBar;
    }

    /** True when output goes to a terminal; JDK 22+ has a console even when redirected, so ask it then. */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only for a terminal
        }
    }

    /**
     * The bar of one epoch. The library fits the whole line to the terminal's width and shrinks the bar to
     * make room, so the text around it is kept short (no ETA, a brief message) to leave the bar room at 80 columns.
     */
    static ProgressBarBuilder bar(int epoch, int epochs, int batches) {
        return new ProgressBarBuilder()
                .setTaskName(String.format("epoch %d/%d", epoch, epochs))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .hideEta()
                .continuousUpdate();
    }

    /** The compact message that leaves the bar room at 80 columns; the epoch's summary line has the rest. */
    static String message(EpochStats s, int codeSize) {
        return String.format("L0 %.1f EV %.2f dead %.0f%%", s.l0(), s.explainedVariance(), 100 * s.deadFraction());
    }

    /** Every live figure (loss, MSE, L0, explained variance, dead fraction) when the terminal is wide enough. */
    static String message(EpochStats s, int codeSize, int terminalWidth) {
        if (terminalWidth < WIDE) {
            return message(s, codeSize);
        }
        return String.format("loss %.4g  mse %.4g  L0 %.1f  EV %.3f  dead %.1f%%", s.loss(), s.reconstruction(), s.l0(),
                s.explainedVariance(), 100 * s.deadFraction());
    }

    /**
     * The bar's message with the run's time left ({@code eta}); at 80 columns the dead fraction gives it room (the
     * epoch's summary line has it).
     */
    static String barMessage(EpochStats s, int codeSize, int terminalWidth, String eta) {
        if (terminalWidth < WIDE) {
            return String.format("L0 %.1f EV %.2f %s", s.l0(), s.explainedVariance(), eta);
        }
        return message(s, codeSize, terminalWidth) + "  " + eta;
    }

    /** Columns from which the full message still leaves the bar 15 characters. */
    static final int WIDE = 120;

    /** The terminal width as the progress-bar library measures it (its method is package-private), else 80. */
    private static int terminalWidth() {
        try {
            var m = me.tongfei.progressbar.TerminalUtils.class.getDeclaredMethod("getTerminalWidth");
            m.setAccessible(true);
            return (Integer) m.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 80;
        }
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches) {
        this.epoch = epoch;
        this.epochs = epochs;
        clock.start();
        if (!showBar) {
            return;
        }
        bar = bar(epoch, epochs, batches).build();
        width = terminalWidth();
    }

    @Override
    public void onBatchEnd(int batchIndex, EpochStats s) {
        running = s;
    }

    @Override
    public void onStep(long stepsDone, long totalSteps, int rows) {
        clock.step(stepsDone, totalSteps, rows);
        if (bar != null) {
            bar.step();
            if (running != null) {
                bar.setExtraMessage(barMessage(running, codeSize, width, clock.eta()));
            }
        } else if (running != null && clock.lineDue()) {
            out.println(logLine(running, epoch, epochs, clock));
            out.flush();
        }
    }

    /** The periodic line without a terminal: where the run is, its running figures, its pace and the time left. */
    static String logLine(EpochStats s, int epoch, int epochs, ProgressClock clock) {
        return String.format(java.util.Locale.ROOT, "  %s  epoch %d/%d  loss %.5f  L0 %.2f  EV %.4f  dead %.1f%%  "
                + "%,.0f samples/s  %s", clock.position(), epoch, epochs, s.loss(), s.l0(), s.explainedVariance(),
                100 * s.deadFraction(), clock.samplesPerSecond(), clock.eta());
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println(line(s, epochs, codeSize));
        out.flush();
    }

    @Override
    public void onNotice(String line) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println(line);
        out.flush();
    }

    static String line(EpochStats s, int epochs, int codeSize) {
        return String.format("epoch %d/%d  loss %.5f  recon %.5f%s  L0 %.2f/%d  EV %.4f  dead %.1f%%  mean act %.4f  %.1fs  %,.0f samples/s",
                s.epoch(), epochs, s.loss(), s.reconstruction(),
                Double.isNaN(s.validation()) ? "" : String.format("  val recon %.5f", s.validation()),
                s.l0(), codeSize, s.explainedVariance(), 100 * s.deadFraction(), s.meanActivation(), s.seconds(),
                s.samplesPerSecond());
    }
}
