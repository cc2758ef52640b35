package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.optim.Adam;
import org.sae4j.tensor.NamedArrays;

class TrainStateTest {
    private static NamedArrays replica(float w, double moment, long dead, double stat, long[] cursor) {
        return new NamedArrays().put("format", TrainState.FORMAT).put("param/w", new float[] {w, 2 * w})
                .put("optim/w/0", new float[] {(float) moment}).put("optim/steps", new long[] {5})
                .put("buffer/threshold", new float[] {w}).put("history", new double[] {1, 2})
                .put("run/position", new long[] {10, 0, 0}).put("run/cursor", cursor)
                .put("run/dead", new long[] {dead, 100}).put("run/control", new double[] {moment})
                .put("run/stats", new double[] {stat, 1});
    }

    @Test
    void everyEntryHasItsRule() {
        assertEquals(TrainState.Merge.MEAN, TrainState.ruleFor("param/encoder.weight"));
        assertEquals(TrainState.Merge.MEAN, TrainState.ruleFor("optim/W_dec/1"));
        assertEquals(TrainState.Merge.MEAN, TrainState.ruleFor("buffer/threshold"));
        assertEquals(TrainState.Merge.MEAN, TrainState.ruleFor("run/control"));
        assertEquals(TrainState.Merge.SUM, TrainState.ruleFor("run/stats"));
        assertEquals(TrainState.Merge.MIN, TrainState.ruleFor("run/dead"));
        for (String same : List.of("format", "optim/steps", "history", "run/position", "run/plan", "normalizer/kind")) {
            assertEquals(TrainState.Merge.SAME, TrainState.ruleFor(same), same);
        }
    }

    /** Three replicas merged by hand: means, a sum, a minimum, and the first cursor. */
    @Test
    void mergesReplicasByTheirRules() {
        NamedArrays m = TrainState.merge(List.of(replica(1f, 0.3, 40, 2, new long[] {1}),
                replica(2f, 0.6, 7, 3, new long[] {2}), replica(6f, 0.0, 90, 5, new long[] {3})));
        assertArrayEquals(new float[] {3f, 6f}, m.floats("param/w"));
        assertEquals(0.3, m.floats("optim/w/0")[0], 1e-6);
        assertArrayEquals(new float[] {3f}, m.floats("buffer/threshold"));
        assertEquals(0.3, m.doubles("run/control")[0], 1e-12);
        assertArrayEquals(new double[] {10, 3}, m.doubles("run/stats"));
        assertArrayEquals(new long[] {7, 100}, m.longs("run/dead"));
        assertArrayEquals(new long[] {1}, m.longs("run/cursor"));
        assertArrayEquals(new long[] {5}, m.longs("optim/steps"));
    }

    @Test
    void weightsByRowsAverageTheMeanEntriesOnly() {
        NamedArrays a = replica(1f, 0.3, 40, 2, new long[] {1});
        NamedArrays b = replica(4f, 0.6, 7, 3, new long[] {2});
        NamedArrays m = TrainState.merge(List.of(a, b), new double[] {200, 100});
        assertArrayEquals(new float[] {2f, 4f}, m.floats("param/w"));
        assertEquals(0.4, m.floats("optim/w/0")[0], 1e-6);
        assertEquals(0.4, m.doubles("run/control")[0], 1e-12);
        assertArrayEquals(new double[] {5, 2}, m.doubles("run/stats"));
        assertArrayEquals(new long[] {7, 100}, m.longs("run/dead"));
        assertEquals(a, TrainState.merge(List.of(a), new double[] {3}), "one replica is itself");
        assertThrows(IllegalArgumentException.class, () -> TrainState.merge(List.of(a, b), new double[] {1}));
    }

    @Test
    void runningStatsOfReplicasAddWhatEachAddedToTheBase() {
        double[] base = {1, 1, 1, 1, 0.5, 10, 100, 2};
        double[] merged = RunningStats.merge(base, List.of(new double[] {2, 2, 2, 2, 0.2, 15, 150, 3},
                new double[] {3, 3, 3, 3, 0.4, 20, 200, 4}));
        assertArrayEquals(new double[] {4, 4, 4, 4, 0.3, 25, 250, 5}, merged, 1e-12);
        double[] one = {2, 2, 2, 2, 0.2, 15, 150, 3};
        assertArrayEquals(one, RunningStats.merge(base, List.of(one)));
    }

    @Test
    void oneReplicaMergesToItselfAndDisagreementIsRefused() {
        NamedArrays one = replica(1f, 0.3, 40, 2, new long[] {1});
        assertEquals(one, TrainState.merge(List.of(one)));
        NamedArrays other = replica(1f, 0.3, 40, 2, new long[] {1}).put("run/position", new long[] {11, 0, 0});
        assertThrows(IllegalArgumentException.class, () -> TrainState.merge(List.of(one, other)));
    }

    /** A trained model's state restores into a fresh model and optimizer, and captures again to the same arrays. */
    @Test
    void restoresIntoAFreshModelAndCapturesTheSame() {
        Dataset data = SyntheticSpec.parse("synthetic:features=20,dim=8,samples=300,seed=2").dataset();
        Model trained = SaeBuilder.of(Architecture.BATCHTOPK, 8).width(24).k(3).seed(1).build();
        Trainer.fit(trained, data, FitOptions.builder().epochs(1).batchSize(50).normalization(Normalizer.Kind.MEAN_NORM).build());
        Adam adam = new Adam();
        NamedArrays state = TrainState.of(trained, adam);
        Model fresh = SaeBuilder.of(Architecture.BATCHTOPK, 8).width(24).k(3).seed(99).build();
        Adam freshAdam = new Adam();
        TrainState.restore(state, fresh, freshAdam);
        assertEquals(state, TrainState.of(fresh, freshAdam));
        assertArrayEquals(trained.buffers().get("threshold"), fresh.buffers().get("threshold"));
        assertEquals(trained.history(), fresh.history());
    }
}
