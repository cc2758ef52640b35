package org.sae4j.cli;

import java.io.PrintWriter;
import org.sae4j.data.Dataset;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.model.ModelSize;
import org.sae4j.model.sae.SaeSize;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/** One training run as the CLI shows it: a header, live progress, then metrics on the held-out rows. */
final class TrainingRun {
    private TrainingRun() {
    }

    record Result(EvalReport report, History history, double seconds) {
    }

    static Result run(PrintWriter w, Model model, Dataset all, FitFlags.Split split, FitOptions.Builder options,
                      FitFlags fit, boolean quiet) {
        if (model.targetSize() > 0) {
            w.printf("sae4j %s: %s on '%s' (%d samples x %d input -> %d target features)%n", Version.get(),
                    model.describe(), all.name(), all.rows(), model.inputSize(), model.targetSize());
        } else {
            w.printf("sae4j %s: %s on '%s' (%d samples x %d features)%n", Version.get(),
                    model.describe(), all.name(), all.rows(), all.cols());
        }
        w.printf("loss %s, optimizer %s, %s, batch %d, seed %d%n", model.describeObjective(),
                fit.optimizerName(TrainCommand.saeWidth(model)), fit.planText(), fit.batchSize, fit.seed);
        w.flush();
        if (model instanceof Autoencoder ae) {
            ModelSize.requireTrainable(ae.config(), fit.batchSize, true);
        } else if (model instanceof SparseAutoencoder sae) {
            SaeSize.requireTrainable(sae.config(), fit.batchSize, true);
        }
        options.validationData(split.validation()).listener(new ProgressListener(w, model.latentSize(), !quiet));
        long start = System.nanoTime();
        History history = Trainer.fit(model, split.train(), options.build());
        double seconds = (System.nanoTime() - start) / 1e9;

        Dataset scored = split.scored();
        EvalReport report = Metrics.evaluate(model, scored, fit.activeThreshold);
        w.println();
        w.printf("Summary (%s, %d samples, %s):%n", scored.name(), scored.rows(), split.label());
        w.print(EvalCommand.format(report));
        w.print(EvalText.line("training time", String.format("%.1f s (%,.0f samples/s in the last epoch)", seconds,
                history.last().samplesPerSecond())));
        ControlFlags.report(w, model, report);
        TrainingWarnings.print(w, history, report);
        return new Result(report, history, seconds);
    }
}
