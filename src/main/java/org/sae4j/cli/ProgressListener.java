package org.sae4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sae4j.model.EpochStats;
import org.sae4j.train.TrainingListener;

/** A live progress bar per epoch (loss, reconstruction, sparsity) unless quiet, then a one-line summary of the epoch. */
final class ProgressListener implements TrainingListener {
    private final PrintWriter out;
    private final int codeSize;
    private final boolean showBar;
    private ProgressBar bar;
    private int epochs;

    ProgressListener(PrintWriter out, int codeSize, boolean showBar) {
        this.out = out;
        this.codeSize = codeSize;
        this.showBar = showBar;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches) {
        this.epochs = epochs;
        if (!showBar) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName(String.format("epoch %d/%d", epoch, epochs))
                .setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
    }

    @Override
    public void onBatchEnd(int batchIndex, EpochStats s) {
        if (bar == null) {
            return;
        }
        bar.step();
        bar.setExtraMessage(String.format("loss %.4g  mse %.4g  L0 %.1f  EV %.3f  dead %.1f%%", s.loss(), s.reconstruction(),
                s.l0(), s.explainedVariance(), 100 * s.deadFraction()));
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

    static String line(EpochStats s, int epochs, int codeSize) {
        return String.format("epoch %d/%d  loss %.5f  recon %.5f%s  L0 %.2f/%d  EV %.4f  dead %.1f%%  mean act %.4f  %.1fs  %,.0f samples/s",
                s.epoch(), epochs, s.loss(), s.reconstruction(),
                Double.isNaN(s.validation()) ? "" : String.format("  val recon %.5f", s.validation()),
                s.l0(), codeSize, s.explainedVariance(), 100 * s.deadFraction(), s.meanActivation(), s.seconds(),
                s.samplesPerSecond());
    }
}
