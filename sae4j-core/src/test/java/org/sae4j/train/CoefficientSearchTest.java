package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.StreamingData;
import org.sae4j.data.TestShards;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.nn.Parameter;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Adam;
import org.sae4j.tensor.NamedArrays;

/**
 * The coefficient search of {@code --target-l0} for standard: its next step against hand-computed values, its choice
 * of run, that it closes in on L0 laws with and without a cliff, and, end to end, that the run kept lands the target
 * and ends with the same bytes as a plain run at the multiplier it reports; a run's measure against a pass of its own.
 */
class CoefficientSearchTest {
    private static final double T = 6;

    private static CoefficientSearch.Trial trial(double multiplier, double l0) {
        return new CoefficientSearch.Trial(multiplier, l0, 1 / (1 + multiplier));
    }

    @Test
    void withoutABracketItStepsWithSlopeMinusTwoAtMostAFactorFour() {
        // L0 four times the target: log λ rises by log 4 / 2 at slope -2.
        assertEquals(20, CoefficientSearch.next(List.of(trial(10, 4 * T)), T), 1e-9);
        assertEquals(5, CoefficientSearch.next(List.of(trial(10, T / 4)), T), 1e-9);
        assertEquals(40, CoefficientSearch.next(List.of(trial(10, 1000 * T)), T), 1e-9);
        // Two runs on one side: their own slope, here -0.5 (L0 halved by λ x4), so x4 again would be 8x: capped at 4.
        assertEquals(160, CoefficientSearch.next(List.of(trial(10, 4 * T), trial(40, 2 * T)), T), 1e-9);
        // A slope flatter than -0.1 counts as -0.1: from L0 1.1 T at 40, log λ rises by log(1.1) / 0.1; from 1.25 T
        // that would be more than log 4, so x4.
        assertEquals(40 * Math.exp(Math.log(1.1) / 0.1),
                CoefficientSearch.next(List.of(trial(10, 1.2 * T), trial(40, 1.1 * T)), T), 1e-9);
        assertEquals(160, CoefficientSearch.next(List.of(trial(10, 1.3 * T), trial(40, 1.25 * T)), T), 1e-9);
    }

    @Test
    void insideABracketItTakesTheSecantInLogLog() {
        // Errors +log 2 at 10 and -log 2 at 40: the root is halfway in log λ, at 20.
        assertEquals(20, CoefficientSearch.next(List.of(trial(10, 2 * T), trial(40, T / 2)), T), 1e-9);
        // A run inside it on the low side narrows it: the secant of 20 and 40.
        double hi = Math.log(40);
        double eHi = Math.log(0.5);
        double secant = Math.exp(Math.log(20) + (hi - Math.log(20)) * Math.log(1.5) / (Math.log(1.5) - eHi));
        assertEquals(secant, CoefficientSearch.next(List.of(trial(10, 2 * T), trial(40, T / 2), trial(20, 1.5 * T)), T),
                1e-9);
        // Illinois: a second run in a row on that side (L0 1.2 T at 25) halves the far end's error once.
        double lo = Math.log(25);
        double eLo = Math.log(1.2);
        double illinois = Math.exp(lo + (hi - lo) * eLo / (eLo - 0.5 * eHi));
        assertEquals(illinois, CoefficientSearch.next(List.of(trial(10, 2 * T), trial(40, T / 2), trial(20, 1.5 * T),
                trial(25, 1.2 * T)), T), 1e-9);
    }

    @Test
    void itBisectsNextToASilencedModelAndStaysInsideTheBracket() {
        // A run with L0 under a quarter of the target says only that λ is too large: bisection in log λ.
        assertEquals(20, CoefficientSearch.next(List.of(trial(10, 2 * T), trial(40, 0.2 * T)), T), 1e-9);
        // Two runs in a row on one side: the secant creeps, so bisection (between 25 and 40).
        assertEquals(Math.sqrt(25 * 40), CoefficientSearch.next(List.of(trial(10, 2 * T), trial(40, T / 2),
                trial(20, 1.5 * T), trial(22, 1.3 * T), trial(25, 1.2 * T)), T), 1e-9);
        // A secant point within 10% of the bracket's end is moved to its middle.
        assertEquals(20, CoefficientSearch.next(List.of(trial(10, 1000 * T), trial(40, 0.999 * T)), T), 1e-9);
    }

    @Test
    void itKeepsTheClosestRunInLogL0() {
        CoefficientSearch.Trial near = new CoefficientSearch.Trial(10, 1.04 * T, 0.5);
        CoefficientSearch.Trial nearer = new CoefficientSearch.Trial(11, 0.99 * T, 0.6);
        CoefficientSearch.Trial far = new CoefficientSearch.Trial(5, 2 * T, 0.1);
        assertEquals(nearer, CoefficientSearch.pick(List.of(far, near, nearer), T));
        // 1/1.9 is closer than 2 in log L0.
        CoefficientSearch.Trial half = new CoefficientSearch.Trial(20, T / 1.9, 0.9);
        assertEquals(half, CoefficientSearch.pick(List.of(far, half), T));
    }

    /** The search's steps on an L0 law alone, from a first multiplier, as {@link CoefficientSearch#settle} takes them. */
    private static List<CoefficientSearch.Trial> close(DoubleUnaryOperator l0, double first) {
        List<CoefficientSearch.Trial> trials = new ArrayList<>();
        double next = first;
        for (int i = 0; i < CoefficientSearch.TRIALS; i++) {
            trials.add(trial(next, l0.applyAsDouble(next)));
            if (Math.abs(trials.get(i).error(T)) <= CoefficientSearch.CLOSE) {
                break;
            }
            next = CoefficientSearch.next(trials, T);
        }
        return trials;
    }

    @Test
    void itClosesInOnSmoothLawsAndOnACliff() {
        // L0 ∝ λ^-0.8 (the images), from 30x too small or large a start.
        for (double first : new double[] {0.03, 30}) {
            List<CoefficientSearch.Trial> t = close(m -> T * Math.pow(m, -0.8), first);
            assertTrue(Math.abs(t.get(t.size() - 1).error(T)) <= CoefficientSearch.CLOSE, "smooth law from " + first);
        }
        // A cliff like the Zipf task's: L0 9 at 0.75, 0.6 at 1.0 (slope about -9), silent beyond.
        DoubleUnaryOperator cliff = m -> m > 1.05 ? 0 : 9 * Math.pow(m / 0.75, -9.4);
        List<CoefficientSearch.Trial> t = close(cliff, 0.8 * 1.2);
        CoefficientSearch.Trial kept = CoefficientSearch.pick(t, T);
        assertTrue(Math.abs(kept.error(T)) <= Math.log(1.05), "cliff: kept L0 " + kept.l0());
    }

    private static final Dataset DATA =
            SyntheticSpec.parse("synthetic:features=96,dim=32,active=4,coeff=uniform,coeffmin=0,coeffmax=1,samples=8000,seed=9")
                    .dataset();

    private static SparseAutoencoder fit(SparsityTarget target, List<String> notices) {
        SparseAutoencoder sae = sae();
        Trainer.fit(sae, DATA, options(target, notices).build());
        return sae;
    }

    private static SparseAutoencoder sae() {
        return SaeBuilder.of(Architecture.STANDARD, 32).width(128).coefficient(1e-3).seed(5).build();
    }

    private static FitOptions.Builder options(SparsityTarget target, List<String> notices) {
        return FitOptions.builder().epochs(3).batchSize(128).seed(2).optimizer(() -> new Adam(2e-3))
                .normalization(Normalizer.Kind.NONE).sparsityTarget(target).listener(new TrainingListener() {
                    @Override
                    public void onNotice(String line) {
                        notices.add(line);
                    }

                    @Override
                    public void onBatchEnd(int batchIndex, org.sae4j.model.EpochStats s) {
                        notices.add("batch");
                    }
                });
    }

    private static void assertSameParameters(SparseAutoencoder expected, SparseAutoencoder actual) {
        assertEquals(expected.parameters().size(), actual.parameters().size());
        for (int i = 0; i < expected.parameters().size(); i++) {
            Parameter a = actual.parameters().get(i);
            assertArrayEquals(expected.parameters().get(i).value(), a.value(), a.name());
        }
    }

    @Test
    void aStopInTheSearchKeepsItsFinishedRunsAndTheResumedSearchEndsWithTheSameBytes() {
        List<String> unbroken = new ArrayList<>();
        SparseAutoencoder reference = fit(SparsityTarget.l0(5), unbroken);

        // Stop in the second fixed run: after the plan, the steered run's line and the first fixed run's.
        TrainRunTest.RecordingSink sink = new TrainRunTest.RecordingSink();
        List<String> notices = new ArrayList<>();
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> Trainer.fit(sae(), DATA,
                options(SparsityTarget.l0(5), notices).checkpoints(sink).stopRequested(() -> notices.size() >= 3).build()));
        assertEquals("run 2 of at most 8 of the coefficient search", e.search());
        assertTrue(e.saved());
        NamedArrays state = sink.states.get(sink.states.size() - 1);
        assertTrue(Trainer.isSearch(state));
        assertEquals(1, CoefficientSearch.Progress.of(state).trials().size());
        assertEquals(notices.get(2), unbroken.get(2), "the first fixed run, as the unbroken search had it");

        SparseAutoencoder resumed = sae();
        Trainer.fit(resumed, DATA, options(SparsityTarget.l0(5), new ArrayList<>()).resume(state).build());
        assertSameParameters(reference, resumed);
    }

    @Test
    void aSearchCheckpointThatCannotBeWrittenIsSaidOnceAndCostsNothing() {
        SparseAutoencoder reference = fit(SparsityTarget.l0(5), new ArrayList<>());
        TrainRunTest.RecordingSink full = new TrainRunTest.RecordingSink();
        full.failStates = true;
        List<String> notices = new ArrayList<>();
        SparseAutoencoder m = sae();
        Trainer.fit(m, DATA, options(SparsityTarget.l0(5), notices).checkpoints(full).build());
        List<String> warnings = notices.stream().filter(l -> l.startsWith("Warning: the coefficient search's")).toList();
        assertEquals(1, warnings.size(), notices.toString());
        assertSameParameters(reference, m);
    }

    @Test
    void aStopInTheRunKeptResumesAtItsHeldCoefficientToTheSameBytes() {
        SparseAutoencoder reference = fit(SparsityTarget.l0(5), new ArrayList<>());
        TrainRunTest.RecordingSink sink = new TrainRunTest.RecordingSink();
        List<String> notices = new ArrayList<>();
        // Only the run kept has listeners for its batches: stop after ten of them.
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> Trainer.fit(sae(), DATA,
                options(SparsityTarget.l0(5), notices).checkpoints(sink)
                        .stopRequested(() -> notices.stream().filter("batch"::equals).count() >= 10).build()));
        assertEquals(null, e.search());
        NamedArrays state = sink.states.get(sink.states.size() - 1);
        assertFalse(Trainer.isSearch(state));
        // The run's own command line would give the target steered again; the state holds it at the searched value.
        SparseAutoencoder resumed = sae();
        Trainer.fit(resumed, DATA, options(SparsityTarget.l0(5), new ArrayList<>()).resume(state).build());
        assertSameParameters(reference, resumed);
        assertEquals(reference.sparsityControl().multiplier(), resumed.sparsityControl().multiplier(), 0);
    }

    @Test
    void theRunKeptLandsTheTargetAndIsAPlainRunAtItsMultiplier() {
        List<String> notices = new ArrayList<>();
        SparseAutoencoder searched = fit(SparsityTarget.l0(5), notices);
        double multiplier = searched.sparsityControl().multiplier();
        assertFalse(searched.sparsityControl().saturated());
        // The notices: the plan, the steered run, each fixed run, and the one kept.
        notices.removeIf("batch"::equals);
        assertTrue(notices.get(0).startsWith("searching the coefficient for L0 5"), notices.get(0));
        assertTrue(notices.get(1).startsWith("steered run: coefficient x"), notices.get(1));
        assertTrue(notices.get(notices.size() - 1).startsWith("training at coefficient multiplier x"), notices.toString());
        assertTrue(notices.size() >= 4 && notices.size() <= 3 + CoefficientSearch.TRIALS, notices.toString());
        CoefficientSearch.Trial kept = CoefficientSearch.measure(searched, multiplier, DATA, 0);
        assertEquals(5, kept.l0(), 5 * 0.05, "L0 of the run kept on its measured rows; " + notices);

        SparseAutoencoder plain = fit(SparsityTarget.l0(5).heldAt(multiplier), new ArrayList<>());
        assertEquals(multiplier, plain.sparsityControl().multiplier(), 0);
        assertSameParameters(plain, searched);
        assertEquals(plain.history().epochs().size(), searched.history().epochs().size());
    }

    @Test
    void onStreamedShardsTheRunKeptIsAPlainRunAtItsMultiplier(@TempDir Path dir) throws Exception {
        TestShards.write(dir.resolve("a.npy"), 3000, 24, 1);
        TestShards.write(dir.resolve("b.npy"), 2500, 24, 2);
        List<String> notices = new ArrayList<>();
        FitOptions.Builder options = FitOptions.builder().samples(12_000L).batchSize(100).seed(2)
                .optimizer(() -> new Adam(3e-3)).normalization(Normalizer.Kind.MEAN_NORM);
        SparseAutoencoder searched = SaeBuilder.of(Architecture.STANDARD, 24).width(64).seed(3).build();
        new Trainer(options.sparsityTarget(SparsityTarget.l0(3)).listener(new TrainingListener() {
            @Override
            public void onNotice(String line) {
                notices.add(line);
            }
        }).build()).fit(searched, StreamingData.open(dir.toString(), 0.1, true, 1));
        assertTrue(notices.size() >= 4, notices.toString());
        double multiplier = searched.sparsityControl().multiplier();
        SparseAutoencoder plain = SaeBuilder.of(Architecture.STANDARD, 24).width(64).seed(3).build();
        new Trainer(FitOptions.builder().samples(12_000L).batchSize(100).seed(2).optimizer(() -> new Adam(3e-3))
                .normalization(Normalizer.Kind.MEAN_NORM).sparsityTarget(SparsityTarget.l0(3).heldAt(multiplier)).build())
                .fit(plain, StreamingData.open(dir.toString(), 0.1, true, 1));
        assertSameParameters(plain, searched);
    }

    @Test
    void aRunIsMeasuredInTheEpochsValidationPassWithItsL0CountedAlongside() {
        SparseAutoencoder sae = sae();
        int rows = DATA.rows(); // 8000: eight chunks of the one loop
        float[] x = DATA.values();
        float[] f = sae.encode(x, rows);
        float[] out = sae.decode(f, rows);
        long active = 0;
        for (float v : f) {
            active += v > 0f ? 1 : 0;
        }
        double squares = 0;
        for (int i = 0; i < out.length; i++) {
            double e = out[i] - x[i];
            squares += e * e;
        }
        double mse = squares / out.length;
        CoefficientSearch.Trial t = CoefficientSearch.measure(sae, 1.5, DATA, 0);
        assertEquals(1.5, t.multiplier(), 0);
        assertEquals((double) active / rows, t.l0(), 0, "active latents per row over all rows");
        assertEquals(mse, t.reconstruction(), 1e-9 * mse, "the MSE over all rows, in one pass");
    }

    @Test
    void onlyAFreshCoefficientModelAtAnL0TargetSearches() {
        SparsityTarget l0 = SparsityTarget.l0(5);
        assertTrue(Trainer.searches(sae(), l0));
        assertFalse(Trainer.searches(sae(), l0.steeredOnly()), "a shared pass steers");
        assertFalse(Trainer.searches(sae(), l0.heldAt(2)), "the run kept is held");
        assertFalse(Trainer.searches(sae(), SparsityTarget.rho(0.05)));
        assertFalse(Trainer.searches(SaeBuilder.of(Architecture.TOPK, 32).width(64).k(4).build(), l0), "k sets its L0");
        assertFalse(Trainer.searches(SaeBuilder.of(Architecture.JUMPRELU, 32).width(64).build(), l0), "a budget");
        SparseAutoencoder trained = fit(null, new ArrayList<>());
        assertFalse(Trainer.searches(trained, l0), "a model trained before continues with the coefficient steered");
        // A search's checkpoint given to a fit that would not search is refused in a sentence.
        NamedArrays state = new CoefficientSearch.Progress(null, List.of()).state();
        state.put("run/position", new long[] {0, 0, 0}); // as the trainer saves it
        state.put("run/plan", new long[] {8000, 128, 24_000});
        org.sae4j.InvalidInputException e = assertThrows(org.sae4j.InvalidInputException.class, () -> Trainer.fit(
                SaeBuilder.of(Architecture.TOPK, 32).width(64).k(4).build(), DATA, options(null, new ArrayList<>())
                        .resume(state).build()));
        assertTrue(e.getMessage().startsWith("The state to resume is a coefficient search's progress"), e.getMessage());
    }

    @Test
    void aHeldMultiplierStaysHeldAndResumesHeld() {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.STANDARD, 32).width(128).build();
        TrainingSchedule schedule = TrainingStep.schedule(FitOptions.builder().build(), sae, new TrainPlan(1000, 100, 10_000));
        SparsityController held = SparsityController.start(SparsityTarget.l0(5).heldAt(3), sae, schedule, 100);
        org.sae4j.model.BatchResult r = org.sae4j.model.BatchResult.dense(0, 0, 0, new float[0], new float[0]);
        for (long step = 0; step < 100; step++) {
            held.observe(step, r, 100, 5_000, 128); // L0 50, ten times the target
        }
        assertEquals(3, held.multiplier(), 1e-12);
        double[] v = held.vector();
        assertEquals(6, v.length);
        // A resumed run parses its target from the command line again, steered; the state says held.
        SparsityController resumed = SparsityController.start(SparsityTarget.l0(5), sae, schedule, 100);
        resumed.restore(v);
        for (long step = 50; step < 100; step++) {
            resumed.observe(step, r, 100, 5_000, 128);
        }
        assertEquals(3, resumed.multiplier(), 1e-12);
        assertFalse(resumed.state().saturated());
    }
}
