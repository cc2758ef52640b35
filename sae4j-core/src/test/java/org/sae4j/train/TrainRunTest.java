package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.io.ModelFile;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.tensor.NamedArrays;

/**
 * When a run saves what: the state at step 0, the model before the state of the same moment, a state that cannot
 * be written said once while the run goes on, and a stop on request that saves the state of its moment, from which
 * the run continues to the bytes of an unbroken run.
 */
class TrainRunTest {
    /** 2,600 rows of 40 values: a budget of 4,100 rows ends inside the second pass. */
    private static final Dataset DATA = SyntheticSpec.parse("synthetic:features=150,dim=40,active=3,samples=2600,seed=5,"
            + "dist=zipf,coeffmax=3").dataset();
    private static final long BUDGET = 4100;

    /** Records the order of saves; fails every state save when asked to, as a full disk would. */
    static final class RecordingSink implements CheckpointSink {
        final List<String> events = new ArrayList<>();
        final List<NamedArrays> states = new ArrayList<>();
        boolean failStates;

        @Override
        public void saveModel(Model m) {
            events.add("model");
        }

        @Override
        public void saveState(NamedArrays s) {
            events.add("state@" + s.longs("run/position")[0]);
            if (failStates) {
                throw new StateNotSaved("/full/run.ckpt", "no space left on device", null);
            }
            states.add(s.copy());
        }
    }

    private static Model model() {
        return SaeBuilder.of(Architecture.TOPK, 40).width(96).k(5).seed(11).build();
    }

    private static FitOptions.Builder options(CheckpointSink sink) {
        return FitOptions.builder().batchSize(64).samples(BUDGET).normalization(Normalizer.Kind.MEAN_NORM).seed(3)
                .checkpoints(sink);
    }

    private static byte[] bytes(Model m, Path file) throws Exception {
        ModelFile.save(m, file);
        return Files.readAllBytes(file);
    }

    @Test
    void aFreshRunSavesItsStateAtStepZeroAndTheModelBeforeTheStateOfTheSameMoment() {
        RecordingSink sink = new RecordingSink();
        Trainer.fit(model(), DATA, options(sink).build());
        long steps = Trainer.plan(options(sink).build(), new org.sae4j.data.InMemorySource(DATA, false, 0, "x")).totalSteps();
        assertEquals("state@0", sink.events.get(0), sink.events.toString());
        // The budget ends inside a pass: that moment's state is taken before the epoch ends, written after the model.
        assertEquals(List.of("model", "state@" + steps), sink.events.subList(sink.events.size() - 2, sink.events.size()),
                sink.events.toString());
    }

    @Test
    void aStateThatCannotBeWrittenIsSaidOnceAndCostsNeitherTheModelNorTheRun(@TempDir Path dir) throws Exception {
        Model reference = model();
        Trainer.fit(reference, DATA, options(new RecordingSink()).build());

        RecordingSink full = new RecordingSink();
        full.failStates = true;
        List<String> notices = new ArrayList<>();
        Model m = model();
        Trainer.fit(m, DATA, options(full).listener(new TrainingListener() {
            @Override
            public void onNotice(String line) {
                notices.add(line);
            }
        }).build());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("'/full/run.ckpt' could not be written at step 0 (no space left on device)"),
                notices.get(0));
        assertEquals("model", full.events.get(full.events.size() - 2), full.events.toString());
        assertArrayEquals(bytes(reference, dir.resolve("a.safetensors")), bytes(m, dir.resolve("b.safetensors")));
    }

    @Test
    void aStopSavesItsMomentAndTheRunContinuesFromItToTheSameBytes(@TempDir Path dir) throws Exception {
        Model reference = model();
        Trainer.fit(reference, DATA, options(new RecordingSink()).build());

        RecordingSink sink = new RecordingSink();
        AtomicInteger taken = new AtomicInteger();
        Model stopped = model();
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> Trainer.fit(stopped, DATA, options(sink)
                .stopRequested(() -> taken.get() >= 17).listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int batchIndex, org.sae4j.model.EpochStats s) {
                        taken.incrementAndGet();
                    }
                }).build()));
        assertTrue(e.saved() && e.step() >= 17 && e.step() < e.totalSteps(), e.step() + " of " + e.totalSteps());
        NamedArrays moment = sink.states.get(sink.states.size() - 1);
        assertEquals(e.step(), moment.longs("run/position")[0]);

        Model resumed = model();
        Trainer.fit(resumed, DATA, options(new RecordingSink()).resume(moment).build());
        assertArrayEquals(bytes(reference, dir.resolve("a.safetensors")), bytes(resumed, dir.resolve("b.safetensors")));
    }
}
