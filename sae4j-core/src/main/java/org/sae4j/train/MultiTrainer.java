package org.sae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sae4j.InvalidInputException;
import org.sae4j.data.BatchSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Prefetcher;
import org.sae4j.data.StreamingData;
import org.sae4j.model.History;
import org.sae4j.model.Model;

/**
 * Trains several models in one pass over the data: each batch is read, shuffled and normalised once, then every
 * model takes its step on it with its own optimizer, schedule, dead-latent counters and sparsity controller.
 * Each model therefore sees exactly the batches its own {@link Trainer} run would (the batches depend only on
 * the data, seed and plan, which the members must share), and ends bit-identical to that run. A member's L0 target
 * is steered in the pass, never searched ({@link CoefficientSearch} runs a model several times); give
 * {@link SparsityTarget#steeredOnly} to compare with a single run.
 *
 * <p>A single run that diverges rewinds the data and retries at half the learning rate; the shared pass
 * cannot rewind for one model, so a divergence here stops the sweep with a sentence naming the model.
 */
public final class MultiTrainer {
    /** One model of the pass and its options (optimizer, sparsity target, checkpoint and listeners may differ). */
    public record Member(String name, Model model, FitOptions options) {
    }

    private final List<Member> members;
    private double seconds;

    public MultiTrainer(List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no models to train");
        }
        FitOptions first = members.get(0).options();
        for (Member m : members) {
            requireSharedPlan(first, m);
        }
        this.members = List.copyOf(members);
    }

    /** Trains every member on raw {@code data}, split and normalised as {@link Trainer#fit(Model, Dataset)} does. */
    public List<History> fit(Dataset raw) {
        try (FitData data = FitData.of(raw, members.get(0).options(), models(), 0)) {
            return run(data);
        }
    }

    /** Trains every member on streamed data, read once; the normaliser is fitted on the data's sample. */
    public List<History> fit(StreamingData streamed) {
        try (FitData data = FitData.of(streamed, members.get(0).options(), models())) {
            return run(data);
        }
    }

    /** Wall-clock seconds of the last fit's shared pass. */
    public double seconds() {
        return seconds;
    }

    private List<Model> models() {
        return members.stream().map(Member::model).toList();
    }

    private List<History> run(FitData data) {
        long start = System.nanoTime();
        List<TrainRun> runs = new ArrayList<>();
        for (Member m : members) {
            runs.add(Trainer.prepare(m.options(), m.model(), data, 0));
        }
        runs.forEach(TrainRun::begin); // each notes the source's start before the shared reader moves it
        BatchSource source = data.source();
        TrainPlan plan = Trainer.plan(members.get(0).options(), source);
        try (Prefetcher prefetch = TrainRun.prefetcher(source, plan, members.get(0).options(), 0)) {
            while (!runs.get(0).done()) {
                Prefetcher.Batch batch = prefetch.next();
                for (int i = 0; i < runs.size(); i++) {
                    if (!runs.get(i).step(batch)) {
                        throw new InvalidInputException(String.format("Training '%s' diverged (%s); a shared pass cannot "
                                + "rewind for one model: train it alone with 'train', which rolls back and halves the "
                                + "learning rate, or lower its learning rate or penalty.", members.get(i).name(),
                                runs.get(i).divergence()));
                    }
                }
            }
        }
        seconds = (System.nanoTime() - start) / 1e9;
        List<History> histories = new ArrayList<>();
        runs.forEach(r -> histories.add(r.history()));
        return histories;
    }

    /** The batches depend on these settings only; members that differ in them cannot share a pass. */
    private static void requireSharedPlan(FitOptions a, Member m) {
        FitOptions b = m.options();
        boolean same = a.epochs() == b.epochs() && a.batchSize() == b.batchSize() && Objects.equals(a.samples(), b.samples())
                && a.shuffle() == b.shuffle() && a.seed() == b.seed() && a.validationSplit() == b.validationSplit()
                && a.normalization() == b.normalization() && a.validationData() == b.validationData()
                && a.checkpointEvery() == b.checkpointEvery() && b.resume() == null
                && (b.checkpoints() == null || !b.checkpoints().keepsState());
        if (!same) {
            throw new IllegalArgumentException("model '" + m.name() + "' differs from the first in a setting that "
                    + "decides the batches (epochs, samples, batch size, shuffle, seed, split, scaling), or resumes");
        }
        if (!m.model().history().epochs().isEmpty()) {
            throw new IllegalArgumentException("model '" + m.name() + "' was trained before; a shared pass starts fresh models");
        }
    }
}
