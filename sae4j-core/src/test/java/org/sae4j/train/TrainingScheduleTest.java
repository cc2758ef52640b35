package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.model.TrainingTraits;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.nn.Parameter;

/** The schedules, clipping, b_dec initialisation and dead-latent bookkeeping, each against hand values. */
class TrainingScheduleTest {

    @Test
    void learningRateWarmsUpThenDecaysLinearly() {
        // 10 steps, 4 of warm-up, decay over the last 20% (2 steps).
        TrainingSchedule s = new TrainingSchedule(4, 0.2, 0, 0.0, 1L, "mean", false);
        double[] expected = {1 / 5.0, 2 / 5.0, 3 / 5.0, 4 / 5.0, 1, 1, 1, 1, 2 / 3.0, 1 / 3.0};
        for (int step = 0; step < 10; step++) {
            assertEquals(expected[step], s.lrScale(step, 10), 1e-12, "step " + step);
        }
        assertEquals(1.0, TrainingSchedule.AUTO.resolve(new TrainingTraits(false, false, false, 0, false), 100, 1000, 10).lrScale(0, 100));
    }

    @Test
    void sparsityCoefficientRampsFromZero() {
        TrainingSchedule s = new TrainingSchedule(0, 0.0, 3, 0.0, 1L, "mean", false);
        assertEquals(0.25, s.sparsityScale(0));
        assertEquals(0.75, s.sparsityScale(2));
        assertEquals(1.0, s.sparsityScale(3));
    }

    @Test
    void defaultsDependOnTheModelAndTheRun() {
        TrainingSchedule sae = TrainingSchedule.AUTO.resolve(new TrainingTraits(true, true, true, 0, false), 40_000, 2_000_000, 1024);
        assertEquals(1000, sae.lrWarmupSteps()); // 5% of 40,000 steps, capped at 1,000
        assertEquals(1000, sae.sparsityWarmupSteps());
        assertEquals(500_000L, sae.deadAfterSamples()); // a quarter of the rows
        assertEquals("median", sae.decoderBiasInit());
        assertTrue(sae.resampleDead());
        TrainingSchedule classic = TrainingSchedule.AUTO.resolve(new TrainingTraits(false, false, false, 0, false), 200, 1000, 256);
        assertEquals(0, classic.lrWarmupSteps());
        assertEquals(0, classic.sparsityWarmupSteps());
        assertEquals(256L, classic.deadAfterSamples()); // at least one batch
        assertFalse(classic.resampleDead());
        assertEquals(2e-4, SaeBuilder.defaultLearningRate(16384), 1e-15);
        assertEquals(4e-4, SaeBuilder.defaultLearningRate(4096), 1e-15);
    }

    @Test
    void badSchedulesAreOneSentence() {
        assertThrows(InvalidInputException.class, () -> new TrainingSchedule(-1, null, null, null, null, null, null));
        assertThrows(InvalidInputException.class, () -> new TrainingSchedule(null, 1.5, null, null, null, null, null));
        assertThrows(InvalidInputException.class, () -> new TrainingSchedule(null, null, null, -2.0, null, null, null));
        assertThrows(InvalidInputException.class, () -> new TrainingSchedule(null, null, null, null, 0L, null, null));
        assertThrows(InvalidInputException.class, () -> new TrainingSchedule(null, null, null, null, null, "median!", null));
    }

    @Test
    void clippingRescalesTheGlobalNormOnlyAboveTheLimit() {
        Parameter a = new Parameter("a", new int[] {1}, new float[] {0}, new float[] {3}, false);
        Parameter b = new Parameter("b", new int[] {1}, new float[] {0}, new float[] {4}, false);
        Update.clip(List.of(a, b), 10); // norm 5: untouched
        assertEquals(3f, a.grad()[0]);
        Update.clip(List.of(a, b), 1);
        assertEquals(0.6f, a.grad()[0], 1e-6f);
        assertEquals(0.8f, b.grad()[0], 1e-6f);
    }

    @Test
    void geometricMedianResistsAnOutlierWhereTheMeanDoesNot() {
        // Four points on a unit square's corners and one far outlier: the median stays by the square, at
        // (0.8122, 0.4975) (Weiszfeld run to convergence in numpy); the mean is dragged to (20.4, 0.4).
        float[] x = {0, 0, 1, 0, 0, 1, 1, 1, 100, 0};
        Dataset d = new Dataset("pts", x, 5, 2);
        float[] median = DecoderBiasInit.of("median", d);
        float[] mean = DecoderBiasInit.of("mean", d);
        assertArrayEquals(new float[] {20.4f, 0.4f}, mean, 1e-5f);
        assertArrayEquals(new float[] {0.8122f, 0.4975f}, median, 2e-3f);
        // For three collinear points the geometric median is the middle one.
        float[] line = DecoderBiasInit.of("median", new Dataset("line", new float[] {0, 0, 1, 0, 10, 0}, 3, 2));
        assertArrayEquals(new float[] {1, 0}, line, 1e-3f);
        assertArrayEquals(new float[] {0, 0}, DecoderBiasInit.of("zero", d));
    }

    @Test
    void latentsDieAfterTheWindowAndRevive() {
        DeadLatents dead = new DeadLatents(3, 100);
        dead.update(new int[] {1, 0, 0}, 60);
        dead.update(new int[] {1, 0, 2}, 60);
        assertArrayEquals(new boolean[] {false, true, false}, dead.mask());
        assertEquals(1 / 3.0, dead.fraction(), 1e-12);
        dead.revive(new int[] {1});
        assertArrayEquals(new boolean[] {false, false, false}, dead.mask());
    }

    @Test
    void kAnnealsFromTheInputWidthDownToKThenStays() {
        TrainingSchedule s = TrainingSchedule.AUTO.withKAnneal(10).resolve(new TrainingTraits(true, false, false, 0, false), 100, 1000, 10);
        assertEquals(256, s.annealedK(0, 16, 256));
        assertEquals(136, s.annealedK(5, 16, 256));
        assertEquals(0, s.annealedK(10, 16, 256)); // 0: the model's own k from here on
        assertEquals(0, TrainingSchedule.AUTO.resolve(new TrainingTraits(true, false, false, 0, false), 100, 1000, 10).annealedK(0, 16, 256));
    }
}
