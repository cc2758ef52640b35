package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tile height from the register file, and (in the build's AVX2 run) that the JVM flag reaches it. */
class TileShapeTest {
    @Test
    void tilesFillTheRegisterFileWithoutSpilling() {
        // accumulators (rows × 2) + the b vectors in flight + one broadcast: 16 + 4 + 1 of 32, 12 + 2 + 1 of 16
        assertEquals(8, TileShape.rowsFor(32));
        assertEquals(6, TileShape.rowsFor(16));
    }

    @Test
    void registersFollowTheJvmsInstructionSet() {
        assertEquals(32, TileShape.registers(512, "amd64", 3), "AVX-512");
        assertEquals(32, TileShape.registers(256, "amd64", 3), "AVX-512 encodings at 256 bits (MaxVectorSize=32)");
        assertEquals(16, TileShape.registers(256, "amd64", 2), "AVX2, or -XX:UseAVX=2 on an AVX-512 machine");
        assertEquals(16, TileShape.registers(128, "amd64", 1), "AVX");
        assertEquals(16, TileShape.registers(256, "amd64", -1), "flag unreadable: 256 bits means AVX2");
        assertEquals(32, TileShape.registers(512, "amd64", -1), "flag unreadable: 512 bits means AVX-512");
        assertEquals(32, TileShape.registers(128, "aarch64", -1), "NEON");
    }

    /**
     * The build runs the tensor tests a second time with {@code -XX:UseAVX=2} and says so in a property; this
     * checks that JVM really took the 16-register tile, so the 6-row kernel goes through every contract test
     * even on an AVX-512 machine (the first run takes the 8-row one there).
     */
    @Test
    void theBuildsAvx2RunGetsTheSixteenRegisterTile() {
        String expected = System.getProperty("sae4j.test.vectorRegisters");
        // On a CPU without AVX2 HotSpot lowers -XX:UseAVX=2 (to 1 or 0) and the vectors are narrower: nothing to check.
        if (expected != null && System.getProperty("os.arch", "").equals("amd64") && useAvx() == 2) {
            assertEquals(TileShape.rowsFor(Integer.parseInt(expected)), TileShape.ROWS, "tile rows");
            assertEquals(256, jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize(), "vector bits");
        }
    }

    private static int useAvx() {
        var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        return Integer.parseInt(vm.getVMOption("UseAVX").getValue());
    }
}
