package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sae4j.data.Fixtures.userError;

import org.junit.jupiter.api.Test;

class HoldOutTest {
    @Test
    void holdsOutTheFlooredLastFractionUpToTheCap() {
        assertEquals(new HoldOut(90, 10), HoldOut.of("d", 100, 0.1, Long.MAX_VALUE));
        assertEquals(new HoldOut(93, 6), HoldOut.of("d", 99, 0.07, Long.MAX_VALUE), "floor(6.93) = 6");
        assertEquals(new HoldOut(97, 3), HoldOut.of("d", 100, 0.1, 3));
        assertEquals(new HoldOut(5, 0), HoldOut.of("d", 5, 0.1, Long.MAX_VALUE));
    }

    @Test
    void splitsADatasetAtTheEnd() {
        Dataset d = new Dataset("d", new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5, 2);
        HoldOut.Split s = HoldOut.split(d, 0.4);
        assertEquals(3, s.train().rows());
        assertEquals(2, s.heldOut().rows());
        assertEquals(6f, s.heldOut().values()[0]);
        assertNull(HoldOut.split(d, 0.1).heldOut());
    }

    @Test
    void refusesASplitThatLeavesNothingToTrainOn() {
        userError(() -> HoldOut.of("tiny.npy", 0, 0.5, Long.MAX_VALUE), "tiny.npy", "leaves none for training");
    }
}
