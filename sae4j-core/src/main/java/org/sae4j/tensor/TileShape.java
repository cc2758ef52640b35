package org.sae4j.tensor;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;

/**
 * The micro-kernel's tile height, chosen from the vector registers this JVM compiles for, so that the
 * accumulators of one tile (rows × 2 vectors) plus the vectors of b and a broadcast fill the register file
 * without spilling: 8 rows (16 accumulators, + 4 b vectors of the two terms a trip + 1 = 21 of 32) with 32
 * registers, 6 rows (12 accumulators, one term a trip: + 2 + 1 = 15 of 16) with 16. No user setting: the JVM
 * already knows.
 *
 * <p>The Vector API reports the width but not the register count. On x86 the count follows HotSpot's
 * {@code UseAVX} flag: 3 (AVX-512 encodings) gives 32 registers at any width, lower gives 16, so
 * {@code -XX:UseAVX=2} on an AVX-512 machine compiles as for an AVX2 one. Other 64-bit architectures the JDK
 * vectorises for (AArch64 NEON and SVE) have 32. Where the flag cannot be read, a 512-bit width implies AVX-512.
 */
final class TileShape {
    /** Output rows per micro-kernel tile on this JVM. */
    static final int ROWS = rowsFor(registers(FloatVector.SPECIES_PREFERRED.vectorBitSize(),
            System.getProperty("os.arch", ""), useAvx()));

    private TileShape() {
    }

    /** Tile rows for a register file of {@code registers} vectors: the most that leave room for b and a broadcast. */
    static int rowsFor(int registers) {
        return registers >= 32 ? 8 : 6;
    }

    /**
     * Vector registers a JVM compiles for, from its preferred vector width in bits, {@code os.arch} and the
     * value of {@code -XX:UseAVX} (-1 where it could not be read).
     */
    static int registers(int vectorBits, String arch, int useAvx) {
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86") || arch.equals("i386");
        if (!x86) {
            return 32;
        }
        if (useAvx >= 0) {
            return useAvx >= 3 ? 32 : 16;
        }
        return vectorBits >= 512 ? 32 : 16;
    }

    /** HotSpot's UseAVX, or -1 on a JVM without it (another architecture, or no management module). */
    private static int useAvx() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(vm.getVMOption("UseAVX").getValue());
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
