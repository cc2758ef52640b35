package org.sae4j.cli;

import java.io.PrintWriter;
import org.sae4j.data.Dataset;
import org.sae4j.data.StreamingData;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/** A training run on streamed data as the CLI shows it: as {@link TrainingRun}, scored on the held-out slice. */
final class StreamedRun {
    private StreamedRun() {
    }

    static void run(PrintWriter w, Model model, StreamingData data, FitOptions.Builder options, FitFlags fit, boolean quiet,
                    StopOnSignal stop) {
        w.printf("sae4j %s: %s on '%s' (streamed, %s features)%n", Version.get(),
                ControlFlags.describe(model, options.sparsityTarget()), data.train().name(), data.train().cols());
        w.printf("loss %s, optimizer %s, %s, batch %d, seed %d%n",
                ControlFlags.objective(model, options.sparsityTarget()),
                fit.optimizerName(TrainCommand.saeWidth(model)), fit.planText(), fit.batchSize, fit.seed);
        w.flush();
        long validationRows = data.validation() != null ? data.validation().rows() : 0;
        boolean searched = Trainer.searches(model, options.sparsityTarget());
        TrainingMemory.require(model, fit.batchSize, searched, data.sample().rows() + validationRows, validationRows);
        options.listener(new ProgressListener(w, model.latentSize(), !quiet));
        long start = System.nanoTime();
        OutOfMemory.doing("training " + model.describe() + " in batches of " + fit.batchSize);
        stop.training();
        History history = new Trainer(options.build()).fit(model, data);
        stop.trained();
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset scored = data.validation() != null ? data.validation() : data.sample();
        OutOfMemory.doing("scoring the trained model, already saved, on " + scored.rows() + " samples");
        EvalReport report = Metrics.evaluate(model, scored, fit.activeThreshold);
        w.println();
        w.printf("Summary (%s, %d samples, %s):%n", scored.name(), scored.rows(),
                data.validation() != null ? "held out" : "training sample");
        w.print(EvalText.metrics(report, EvalText.units(model), EvalText.deadNote(scored.rows(), history),
                EvalText.noun(model)));
        w.print(EvalText.line("training time", String.format("%.1f s", seconds)));
        ControlFlags.report(w, model, report, searched);
        if (!history.epochs().isEmpty()) {
            TrainingWarnings.print(w, history, report, EvalText.noun(model));
        }
    }
}
