package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.nn.Parameter;
import org.sae4j.optim.Adam;

/**
 * One shared pass must leave every model bit-identical to its own run (as SAELens tests its multi-SAE
 * runner): weights, buffers (the codes show BatchTopK's threshold) and the per-epoch history.
 */
class MultiTrainerTest {
    private static final Dataset DATA = SyntheticSpec.parse("synthetic:features=96,dim=24,active=4,samples=3000,seed=3").dataset();

    private static FitOptions.Builder options(double lr, SparsityTarget target) {
        return FitOptions.builder().epochs(2).batchSize(100).seed(9).validationSplit(0.1)
                .normalization(Normalizer.Kind.MIN_MAX).optimizer(() -> new Adam(lr)).sparsityTarget(target);
    }

    /** Each case: a fresh model and its options; its separate run and its place in the pass must agree. */
    private record Case(String name, Supplier<Model> model, FitOptions options) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case("topk k=4", () -> SaeBuilder.of(Architecture.TOPK, 24).width(96).k(4).seed(1).build(), options(1e-3, null).build()),
                new Case("topk k=8 annealed", () -> SaeBuilder.of(Architecture.TOPK, 24).width(96).k(8).seed(1).build(),
                        options(1e-3, null).schedule(TrainingSchedule.AUTO.withKAnneal(20)).build()),
                new Case("batchtopk", () -> SaeBuilder.of(Architecture.BATCHTOPK, 24).width(64).k(6).seed(2).build(), options(2e-3, null).build()),
                new Case("standard target-l0", () -> SaeBuilder.of(Architecture.STANDARD, 24).width(96).coefficient(1e-3).seed(1).build(),
                        options(1e-3, SparsityTarget.l0(6).steeredOnly()).build()),
                new Case("standard held", () -> SaeBuilder.of(Architecture.STANDARD, 24).width(96).coefficient(1e-3).seed(1).build(),
                        options(1e-3, SparsityTarget.l0(6).heldAt(20)).build()),
                new Case("jumprelu", () -> SaeBuilder.of(Architecture.JUMPRELU, 24).width(96).coefficient(1e-3).seed(4).build(), options(1e-3, null).build()),
                new Case("classic", () -> Autoencoder.builder(24).encoder(16).seed(5).l1Activity(1e-3).build(), options(1e-3, null).build()));
    }

    @Test
    void everyModelOfTheSharedPassIsBitIdenticalToItsSeparateRun() {
        List<Case> cases = cases();
        List<Model> separate = new ArrayList<>();
        List<History> separateHistory = new ArrayList<>();
        List<MultiTrainer.Member> members = new ArrayList<>();
        for (Case c : cases) {
            Model m = c.model().get();
            separateHistory.add(Trainer.fit(m, DATA, c.options()));
            separate.add(m);
            members.add(new MultiTrainer.Member(c.name(), c.model().get(), c.options()));
        }
        List<History> shared = new MultiTrainer(members).fit(DATA);
        for (int i = 0; i < cases.size(); i++) {
            Model a = separate.get(i);
            Model b = members.get(i).model();
            List<Parameter> pa = a.parameters();
            List<Parameter> pb = b.parameters();
            assertEquals(pa.size(), pb.size());
            for (int p = 0; p < pa.size(); p++) {
                assertArrayEquals(pa.get(p).value(), pb.get(p).value(), cases.get(i).name() + ": " + pa.get(p).name());
            }
            float[] x = java.util.Arrays.copyOf(DATA.values(), 50 * DATA.cols());
            assertArrayEquals(a.encode(x, 50), b.encode(x, 50), cases.get(i).name() + ": codes");
            assertEquals(withoutTimes(separateHistory.get(i)), withoutTimes(shared.get(i)), cases.get(i).name() + ": history");
        }
    }

    /** The history with the timings, which differ between runs, left out. */
    private static List<EpochStats> withoutTimes(History h) {
        return h.epochs().stream().map(e -> new EpochStats(e.epoch(), e.loss(), e.reconstruction(), e.validation(), e.l0(),
                e.meanActivation(), e.explainedVariance(), e.deadFraction(), 0, 0)).toList();
    }

    @Test
    void membersThatWouldReadOtherBatchesAreRefused() {
        Model a = SaeBuilder.of(Architecture.TOPK, 24).width(32).k(4).build();
        Model b = SaeBuilder.of(Architecture.TOPK, 24).width(32).k(4).build();
        assertThrows(IllegalArgumentException.class, () -> new MultiTrainer(List.of(
                new MultiTrainer.Member("a", a, options(1e-3, null).build()),
                new MultiTrainer.Member("b", b, options(1e-3, null).batchSize(50).build()))));
    }
}
