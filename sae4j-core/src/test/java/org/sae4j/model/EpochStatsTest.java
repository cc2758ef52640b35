package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one history codec: every figure under its name, in order, round-tripping through rows. */
class EpochStatsTest {
    @Test
    void fieldsMatchTheRecordAndRoundTrip() {
        EpochStats a = new EpochStats(1, 0.5, 0.25, Double.NaN, 12.5, 0.01, 0.9, 0.05, 3.5, 1000);
        EpochStats b = new EpochStats(2, 0.4, 0.2, 0.3, 11, 0.02, 0.91, 0, 3.4, 1100);
        assertEquals(EpochStats.FIELDS.size(), a.toArray().length);
        assertEquals(EpochStats.FIELDS.size(), EpochStats.class.getRecordComponents().length);
        assertArrayEquals(new double[] {1, 0.5, 0.25, Double.NaN, 12.5, 0.01, 0.9, 0.05, 3.5, 1000}, a.toArray());
        History h = new History(List.of(a, b));
        assertEquals(h, EpochStats.fromRows(EpochStats.rows(h)));
        assertEquals(0, EpochStats.fromRows(new double[0]).epochs().size());
        var components = EpochStats.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            String snake = components[i].getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            assertEquals(snake, EpochStats.FIELDS.get(i), "field " + i);
        }
    }
}
