package org.sae4j.train;

import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.data.BatchSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.HoldOut;
import org.sae4j.data.InMemorySource;
import org.sae4j.data.NormalizedSource;
import org.sae4j.data.Normalizer;
import org.sae4j.data.StreamingData;
import org.sae4j.model.Model;

/**
 * The data of a fit, prepared once for one model or for several that share a pass, in memory or streamed: the
 * normaliser fitted (on the training rows, or on the stream's sample) and set on every model, the training
 * batches normalised, the held-out rows normalised, and the normalised sample a fresh model's start is taken from.
 *
 * @param source     the training batches, normalised
 * @param validation the held-out rows, normalised; null for none
 * @param sample     normalised training rows (all of them in memory; the stream's sample) for b_dec and calibration
 */
record FitData(BatchSource source, Dataset validation, Dataset sample) implements AutoCloseable {

    /** Raw in-memory data split by the one hold-out rule; {@code before} epochs were trained before (shuffle seed). */
    static FitData of(Dataset raw, FitOptions o, List<Model> models, int before) {
        int rowSize = models.get(0).rowSize(); // a transcoder's rows carry their targets: [x | y]
        raw.requireFinite().requireCols(rowSize, "the model");
        HoldOut.Split split = HoldOut.split(raw, o.validationSplit());
        Normalizer normalizer = normalizer(o, models, split.train());
        Dataset train = normalizer.apply(split.train());
        Dataset heldOut = o.validationData() != null
                ? o.validationData().requireFinite().requireCols(rowSize, "the model") : split.heldOut();
        for (Model m : models) {
            m.requireTrainable(train);
        }
        // A model trained before continues its epoch count, and its shuffling does not replay earlier epochs.
        BatchSource source = new InMemorySource(train, o.shuffle(), o.seed(),
                before == 0 ? "shuffle" : "shuffle after epoch " + before);
        return new FitData(source, heldOut == null ? null : normalizer.apply(heldOut), train);
    }

    /** Data streamed from disk or a generator; the normaliser is fitted on the stream's sample. */
    static FitData of(StreamingData data, FitOptions o, List<Model> models) {
        BatchSource raw = data.train();
        for (Model m : models) {
            if (raw.cols() != m.rowSize()) {
                throw new InvalidInputException(String.format("Data '%s' has %d features per sample but the model expects %d.",
                        raw.name(), raw.cols(), m.rowSize()));
            }
        }
        Normalizer normalizer = normalizer(o, models, data.sample());
        Dataset sample = normalizer.apply(data.sample());
        for (Model m : models) {
            m.requireTrainable(sample);
        }
        Dataset validation = o.validationData() != null
                ? o.validationData().requireFinite().requireCols(raw.cols(), "the model") : data.validation();
        return new FitData(new NormalizedSource(raw, normalizer), validation == null ? null : normalizer.apply(validation),
                sample);
    }

    /** One normaliser for all (fitting it per model would give the same one, at N times the cost). */
    private static Normalizer normalizer(FitOptions o, List<Model> models, Dataset rows) {
        Normalizer n = o.normalization() != null ? Normalizer.fit(o.normalization(), rows) : models.get(0).normalizer();
        for (Model m : models) {
            m.setNormalizer(n);
        }
        return n;
    }

    @Override
    public void close() {
        source.close();
    }
}
