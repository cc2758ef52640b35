package org.sae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Normalizer;
import org.sae4j.io.StateFile;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;
import org.sae4j.optim.Optimizer;

/**
 * The model and optimizer half of a training checkpoint: weights, buffers (BatchTopK's threshold), the
 * normaliser, the lifetime history, and the optimizer's per-parameter state keyed by parameter name.
 * {@link TrainRun} adds the loop's own position (step, data cursor, counters).
 */
final class Checkpoint {
    static final String FORMAT = "sae4j-checkpoint 1";
    private static final int STATS = 10;

    private Checkpoint() {
    }

    static void putModel(StateFile s, Model model, Optimizer optimizer) {
        s.put("format", FORMAT);
        for (Parameter p : model.parameters()) {
            s.put("param/" + p.name(), p.value());
            float[][] state = optimizer.state(p);
            if (state != null) {
                for (int i = 0; i < state.length; i++) {
                    s.put("optim/" + p.name() + "/" + i, state[i]);
                }
            }
        }
        s.put("optim/steps", new long[] {optimizer.steps()});
        if (model instanceof SparseAutoencoder sae) {
            sae.buffers().forEach((name, v) -> s.put("buffer/" + name, v));
        }
        Normalizer n = model.normalizer();
        s.put("normalizer/kind", n.kind().name());
        s.put("normalizer/offset", n.offset());
        s.put("normalizer/scale", n.scale());
        List<EpochStats> epochs = model.history().epochs();
        double[] h = new double[epochs.size() * STATS];
        for (int i = 0; i < epochs.size(); i++) {
            EpochStats e = epochs.get(i);
            double[] row = {e.epoch(), e.loss(), e.reconstruction(), e.validation(), e.l0(), e.meanActivation(),
                e.explainedVariance(), e.deadFraction(), e.seconds(), e.samplesPerSecond()};
            System.arraycopy(row, 0, h, i * STATS, STATS);
        }
        s.put("history", h);
    }

    /** Puts the saved state into a model and optimizer built from the same settings. */
    static void restoreModel(StateFile s, Model model, Optimizer optimizer) {
        if (!FORMAT.equals(s.text("format"))) {
            throw new InvalidInputException("The checkpoint has format '" + s.text("format") + "'; expected '" + FORMAT + "'.");
        }
        for (Parameter p : model.parameters()) {
            float[] v = s.floats("param/" + p.name());
            if (v.length != p.size()) {
                throw new InvalidInputException("The checkpoint's " + p.name() + " has " + v.length + " values but the model's has "
                        + p.size() + "; expected a checkpoint of this run.");
            }
            System.arraycopy(v, 0, p.value(), 0, v.length);
            List<float[]> state = new ArrayList<>();
            for (int i = 0; s.has("optim/" + p.name() + "/" + i); i++) {
                state.add(s.floats("optim/" + p.name() + "/" + i));
            }
            optimizer.restore(p, state.isEmpty() ? null : state.toArray(new float[0][]));
        }
        optimizer.restoreSteps(s.longs("optim/steps")[0]);
        if (model instanceof SparseAutoencoder sae) {
            for (Map.Entry<String, float[]> b : sae.buffers().entrySet()) {
                sae.setBuffer(b.getKey(), s.floats("buffer/" + b.getKey()));
            }
        }
        model.setNormalizer(new Normalizer(Normalizer.Kind.valueOf(s.text("normalizer/kind")),
                s.floats("normalizer/offset"), s.floats("normalizer/scale")));
        double[] h = s.doubles("history");
        List<EpochStats> epochs = new ArrayList<>();
        for (int i = 0; i < h.length; i += STATS) {
            epochs.add(new EpochStats((int) h[i], h[i + 1], h[i + 2], h[i + 3], h[i + 4], h[i + 5], h[i + 6], h[i + 7],
                    h[i + 8], h[i + 9]));
        }
        model.setHistory(new History(epochs));
    }
}
