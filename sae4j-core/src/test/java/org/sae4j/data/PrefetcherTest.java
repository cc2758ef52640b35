package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;

/**
 * A bad value deep in the data reaches the caller of {@link Prefetcher#next} however full the queue is when the
 * reader meets it (issue 18, defect 6: a full queue dropped the error and the caller waited for good).
 */
class PrefetcherTest {
    @TempDir
    Path dir;

    /** Five uneven shards; the caller is slower than the reader, so the one-batch queue is full at the error. */
    private InvalidInputException readPast(Path bad, long row, int col, float value, int cols) throws IOException {
        int[] rows = {1_709, 2_311, 977, 3_001, 1_250};
        Path folder = dir.resolve("acts");
        Files.createDirectories(folder);
        for (int s = 0; s < rows.length; s++) {
            Path f = folder.resolve(String.format("part-%02d%s", s, bad.toString()));
            if (bad.toString().endsWith(".npy")) {
                TestShards.write(f, rows[s], cols, 11 + s);
            } else {
                TestShards.writeBf16(f, rows[s], cols, 37.5, 11 + s);
            }
        }
        Path target = folder.resolve(String.format("part-03%s", bad));
        TestShards.poison(target, row, col, value);
        Shards shards = Shards.open(folder.toString());
        long total = shards.rows();
        ShuffleBuffer buffer = new ShuffleBuffer(shards, 0, total, 600, true, 5);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Prefetcher p = new Prefetcher(buffer, s -> 33, 0, total / 33, s -> s % 7 == 0, 1)) {
                return assertThrows(InvalidInputException.class, () -> {
                    for (long s = 0; s < total / 33; s++) {
                        p.next();
                        Thread.sleep(2);
                    }
                });
            }
        });
    }

    @Test
    void aNanDeepInAFolderReachesTheCallerWithFileRowAndColumn() throws IOException {
        InvalidInputException e = readPast(Path.of(".npy"), 2_718, 41, Float.NaN, 45);
        String m = e.getMessage();
        assertTrue(m.contains("part-03.npy") && m.contains("NaN") && m.contains("row 2719") && m.contains("column 42"), m);
        assertEquals(1, m.lines().count(), m);
    }

    @Test
    void anInfinityInBf16ShardsReachesTheCallerToo() throws IOException {
        InvalidInputException e = readPast(Path.of(".safetensors"), 1_999, 3, Float.POSITIVE_INFINITY, 70);
        String m = e.getMessage();
        assertTrue(m.contains("part-03.safetensors") && m.contains("Infinity") && m.contains("row 2000")
                && m.contains("column 4"), m);
    }

    @Test
    void anErrorThatIsNotAnExceptionStillEndsTheWait() {
        BatchSource failing = new BatchSource() {
            private int served;

            @Override
            public String name() {
                return "failing";
            }

            @Override
            public int cols() {
                return 3;
            }

            @Override
            public long epochRows() {
                return ENDLESS;
            }

            @Override
            public void fill(float[] out, int rows) {
                if (++served > 4) {
                    throw new StackOverflowError("deep");
                }
            }

            @Override
            public long[] cursor() {
                return new long[0];
            }

            @Override
            public void restore(long[] cursor) {
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Prefetcher p = new Prefetcher(failing, s -> 2, 0, 100, s -> false, 2)) {
                Thread.sleep(200); // the reader fills the queue and fails while it is full
                for (int i = 0; i < 4; i++) {
                    assertEquals(2, p.next().rows(), "batches read before the failure are served first");
                }
                assertThrows(StackOverflowError.class, p::next);
            }
        });
    }
}
