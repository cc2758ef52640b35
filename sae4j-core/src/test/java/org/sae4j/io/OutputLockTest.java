package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;

/** One run per output: a live lock refuses, a stale one is taken over, and a killed save's temp files go. */
class OutputLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunOnALiveOutputIsRefusedWithTheOwnersPid() {
        Path out = dir.resolve("m.safetensors");
        try (OutputLock first = OutputLock.acquire(out, "sae4j train -o m.safetensors")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> OutputLock.acquire(out, "sae4j train -o m.safetensors"));
            assertEquals("Another sae4j run (pid " + ProcessHandle.current().pid() + ") is writing '" + out + "' now; "
                    + "wait for it to end or stop it, or give this run another --out.", e.getMessage());
        }
        assertFalse(Files.exists(OutputLock.of(out)), "the lock file goes with its run");
        try (OutputLock again = OutputLock.acquire(out, "x")) {
            assertTrue(Files.exists(OutputLock.of(out)));
        }
    }

    @Test
    void aStaleLockIsTakenOverAndKilledSavesTempFilesAreRemoved() throws Exception {
        Path out = dir.resolve("wide.safetensors");
        Path ckpt = dir.resolve("wide.safetensors.ckpt");
        Files.writeString(OutputLock.of(out), "2147483646\nsae4j train --width 16384\n"); // its process is gone
        Path modelTemp = Files.write(dir.resolve(".wide.safetensors.8812.tmp"), new byte[1 << 16]);
        Path stateTemp = Files.write(dir.resolve(".wide.safetensors.ckpt.331.tmp"), new byte[1 << 20]);
        Path other = Files.write(dir.resolve(".other.safetensors.5.tmp"), new byte[8]);
        Path notOurs = Files.write(dir.resolve(".wide.safetensors.old.tmp"), new byte[8]);
        assertEquals("sae4j train --width 16384", OutputLock.staleCommand(out));

        try (OutputLock lock = OutputLock.acquire(out, "sae4j train -o wide.safetensors", ckpt)) {
            assertFalse(Files.exists(modelTemp) || Files.exists(stateTemp), "a killed save's temp files are removed");
            assertTrue(Files.exists(other) && Files.exists(notOurs), "only this output's temp files are touched");
            List<String> lines = Files.readAllLines(OutputLock.of(out));
            assertEquals(List.of(Long.toString(ProcessHandle.current().pid()), "sae4j train -o wide.safetensors"), lines);
        }
    }

    @Test
    void aDeviceIsWrittenStraightAndNeedsNoLock() {
        assertEquals(null, OutputLock.acquire(Path.of("/dev/null"), "x"));
    }
}
