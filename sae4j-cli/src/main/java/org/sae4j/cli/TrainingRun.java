package org.sae4j.cli;

import java.io.PrintWriter;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/** One training run as the CLI shows it: a header, live progress, then metrics on the held-out rows. */
final class TrainingRun {
    private TrainingRun() {
    }

    record Result(EvalReport report, History history, double seconds) {
    }

    static Result run(PrintWriter w, Model model, Dataset all, FitFlags.Split split, FitOptions.Builder options,
                      FitFlags fit, boolean quiet, StopOnSignal stop) {
        String described = ControlFlags.describe(model, options.sparsityTarget());
        if (model.targetSize() > 0) {
            w.printf("sae4j %s: %s on '%s' (%d samples x %d input -> %d target features)%n", Version.get(),
                    described, all.name(), all.rows(), model.inputSize(), model.targetSize());
        } else {
            w.printf("sae4j %s: %s on '%s' (%d samples x %d features)%n", Version.get(),
                    described, all.name(), all.rows(), all.cols());
        }
        w.printf("loss %s, optimizer %s, %s, batch %d, seed %d%n",
                ControlFlags.objective(model, options.sparsityTarget()),
                fit.optimizerName(TrainCommand.saeWidth(model)), fit.planText(), fit.batchSize, fit.seed);
        w.flush();
        long validationRows = split.validation() != null ? split.validation().rows() : 0;
        boolean normalised = Normalizer.parse(fit.scale) != Normalizer.Kind.NONE
                || model.normalizer().kind() != Normalizer.Kind.NONE; // a resumed model keeps its own scaling
        boolean searched = Trainer.searches(model, options.sparsityTarget());
        TrainingMemory.require(model, fit.batchSize, searched, normalised ? split.train().rows() + validationRows : 0, validationRows);
        options.validationData(split.validation()).listener(new ProgressListener(w, model.latentSize(), !quiet));
        long start = System.nanoTime();
        OutOfMemory.doing("training " + model.describe() + " in batches of " + fit.batchSize);
        stop.training();
        History history = Trainer.fit(model, split.train(), options.build());
        stop.trained();
        double seconds = (System.nanoTime() - start) / 1e9;

        Dataset scored = split.scored();
        OutOfMemory.doing("scoring the trained model, already saved, on " + scored.rows() + " held-out samples");
        EvalReport report = Metrics.evaluate(model, scored, fit.activeThreshold);
        w.println();
        w.printf("Summary (%s, %d samples, %s):%n", scored.name(), scored.rows(), split.label());
        w.print(EvalText.metrics(report, EvalText.units(model), EvalText.deadNote(scored.rows(), history),
                EvalText.noun(model)));
        w.print(EvalText.line("training time", String.format("%.1f s (%,.0f samples/s in the last epoch)", seconds,
                history.last().samplesPerSecond())));
        ControlFlags.report(w, model, report, searched);
        TrainingWarnings.print(w, history, report, EvalText.noun(model));
        return new Result(report, history, seconds);
    }
}
