package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.data.Fixtures.gzip;
import static org.sae4j.data.Fixtures.idx;
import static org.sae4j.data.Fixtures.npy;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;

/** Tiny crafted files that declare huge or deeply nested contents: a clear error, never an OOM or a stack overflow. */
class HostileFilesCliTest {
    @TempDir
    Path dir;

    /** Loads the file as training data in a JVM with a 64 MB heap, where allocating for the declared size fails. */
    private void refusedInASmallHeap(Path file, String... fragments) throws Exception {
        ChildJvm.Result r = ChildJvm.sae4j("64m", "train", "--epochs", "1", "-q", "--data", file.toString(),
                "-o", dir.resolve("m.safetensors").toString());
        assertEquals(1, r.code(), r.output());
        assertEquals(1, r.output().lines().count(), r.output());
        assertTrue(r.output().startsWith("Error: "), r.output());
        assertFalse(r.output().contains("Exception"), r.output());
        for (String f : fragments) {
            assertTrue(r.output().contains(f), f + " missing from " + r.output());
        }
    }

    @Test
    void idxDeclaringBillionsOfValuesIsTruncatedNotAnOutOfMemoryError() throws Exception {
        Path raw = write(dir, "big-idx1-ubyte", idx(0x08, new int[] {40_000, 50_000}, new byte[] {1, 2}));
        refusedInASmallHeap(raw, "big-idx1-ubyte", "truncated", "found 2");
        Path gz = write(dir, "big-idx1-ubyte.gz", gzip(idx(0x0D, new int[] {1_000_000_000, 1}, new byte[8])));
        refusedInASmallHeap(gz, "big-idx1-ubyte.gz", "truncated", "found 2");
    }

    @Test
    void npyDeclaringBillionsOfValuesIsTruncatedNotAnOutOfMemoryError() throws Exception {
        Path f = write(dir, "big.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (50000, 40000), }",
                new byte[12]));
        refusedInASmallHeap(f, "big.npy", "truncated", "found 3");
    }
}
