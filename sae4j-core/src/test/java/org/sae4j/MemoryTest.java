package org.sae4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryTest {
    @Test
    void refusesMoreThanTheHeapWithNeededAndAvailable() {
        Memory.require(1e6, "A small thing");
        String m = assertThrows(InvalidInputException.class,
                () -> Memory.require(Runtime.getRuntime().maxMemory() * 2.0, "A huge thing")).getMessage();
        assertTrue(m.startsWith("A huge thing needs ") && m.contains("is available (maximum heap "), m);
    }

    @Test
    void garbageDoesNotCountAgainstWhatIsAvailable() {
        // Fill part of the heap with garbage, then ask for more than is left beside it: a collection makes room.
        Runtime r = Runtime.getRuntime();
        System.gc();
        long live = r.totalMemory() - r.freeMemory();
        long chunk = Math.min(r.maxMemory() / 4, 512L << 20);
        byte[] garbage = new byte[(int) chunk];
        garbage[0] = 1;
        garbage = null;
        Memory.require(r.maxMemory() - live - chunk / 2.0, "Room freed by a collection");
    }
}
