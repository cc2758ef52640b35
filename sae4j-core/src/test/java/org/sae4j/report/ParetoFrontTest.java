package org.sae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {
    @Test
    void dominatedModelsLeaveTheFrontAndTheKneeIsWhereGainsFlatten() {
        // L0 against EV: model 2 is dominated by model 1 (denser and worse); model 3 is where the curve bends.
        double[] l0 = {5, 10, 12, 20, 40, 80};
        double[] ev = {0.40, 0.70, 0.65, 0.85, 0.88, 0.90};
        List<Integer> front = ParetoFront.front(l0, ev);
        assertEquals(List.of(0, 1, 3, 4, 5), front);
        assertEquals(3, ParetoFront.knee(l0, ev, front));
    }

    @Test
    void aFrontOfTwoHasNoKnee() {
        double[] l0 = {5, 10};
        double[] ev = {0.4, 0.7};
        assertEquals(-1, ParetoFront.knee(l0, ev, ParetoFront.front(l0, ev)));
    }
}
