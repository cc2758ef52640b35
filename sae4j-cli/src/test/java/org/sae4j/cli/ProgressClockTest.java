package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pace and time left from a clock the test steps: no waiting, no timing. */
class ProgressClockTest {
    private long now = 1_000_000_000_000L;

    @Test
    void paceAndTimeLeftCountOnlyThisProcesssSteps() {
        ProgressClock clock = new ProgressClock(() -> now, 10_000_000_000L);
        assertEquals("ETA ?", clock.eta());
        clock.start();
        // A resumed run: 600 of 1,000 steps were done before; here 40 steps of 250 rows take 8 s.
        for (int i = 1; i <= 40; i++) {
            now += 200_000_000L;
            clock.step(600 + i, 1000, 250);
        }
        assertEquals(1250.0, clock.samplesPerSecond(), 1e-9); // 10,000 rows in 8 s
        assertEquals("ETA 1m12s", clock.eta()); // 360 steps left at 0.2 s
        assertEquals("step 640 of 1,000 (64.0%)", clock.position());
    }

    @Test
    void aLineIsDueEveryIntervalAndNeverWithoutOne() {
        ProgressClock every = new ProgressClock(() -> now, 10_000_000_000L);
        every.start();
        int lines = 0;
        for (int s = 1; s <= 35; s++) {
            now += 1_000_000_000L;
            every.step(s, 100, 8);
            lines += every.lineDue() ? 1 : 0;
        }
        assertEquals(3, lines, "at 10, 20 and 30 s");
        ProgressClock none = new ProgressClock(() -> now, 0);
        none.start();
        now += 60_000_000_000L;
        none.step(1, 2, 8);
        assertFalse(none.lineDue());
    }

    @Test
    void durationsReadAsATerminalShowsThem() {
        assertEquals("45s", ProgressClock.duration(44.6));
        assertEquals("3m12s", ProgressClock.duration(192));
        assertEquals("2h05m", ProgressClock.duration(2 * 3600 + 5 * 60 + 9));
        assertEquals("3d04h", ProgressClock.duration(3 * 86_400 + 4 * 3600));
        assertTrue(ProgressClock.duration(0).equals("0s"));
    }
}
