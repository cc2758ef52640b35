package org.sae4j.lm.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.lm.Fixtures.userError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.BatchSource;
import org.sae4j.data.StreamProvider;
import org.sae4j.data.StreamingData;

/** {@code --data lm:...}: found through the core's SPI, a pass of known length, held-out documents, exact resume. */
class LmStreamsTest {
    private static String spec(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("Line " + i + ": the hacker " + (i % 2 == 0 ? "wrote" : "read") + " a program about number " + i + ".");
        }
        Path f = dir.resolve("t.txt");
        Files.write(f, lines);
        return "lm:minilm:layer=2:text=" + f + ":context=16:batch=4";
    }

    private static float[] take(BatchSource s, int rows) {
        float[] x = new float[rows * s.cols()];
        s.fill(x, rows);
        return x;
    }

    @Test
    void streamsThroughTheCoreAndResumesExactly(@TempDir Path dir) throws Exception {
        String spec = spec(dir);
        assertTrue(StreamingData.streams(spec, false));
        StreamingData a = StreamingData.open(spec, 0.1, true, 7);
        try (BatchSource s = a.train()) {
            assertEquals(384, s.cols());
            assertNotNull(a.validation());
            assertTrue(a.validation().rows() > 0 && a.validation().name().contains("held out"));
            long total = a.validation().rows() + s.epochRows();
            // 40 documents of 15 to 16 text tokens: every row accounted for, the held-out ones whole documents
            assertTrue(total > 400 && total < 800, "rows " + total);
            take(s, 100);
            long[] cursor = s.cursor();
            float[] next = take(s, 150);
            try (BatchSource again = StreamingData.open(spec, 0.1, true, 7).train()) {
                again.restore(cursor);
                assertArrayEquals(next, take(again, 150));
            }
            // A whole pass serves every training row once; the next pass starts over in another order.
            s.restore(new long[] {0, -1, 0, 0, 0});
            float[] pass1 = take(s, (int) s.epochRows());
            float[] pass2 = take(s, (int) s.epochRows());
            assertEquals(sum(pass1), sum(pass2), 1e-2 * Math.abs(sum(pass1)));
            assertTrue(!java.util.Arrays.equals(pass1, pass2), "each pass is reshuffled");
        }
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    @Test
    void badSpecsAreOneSentence(@TempDir Path dir) throws Exception {
        assertNotNull(StreamProvider.find("lm:minilm"));
        userError(() -> LmSpec.parse("lm:minilm:layer=x"), "layer 'x' is not a whole number", "expected lm:MODEL");
        userError(() -> LmSpec.parse("lm:minilm:colour=red"), "'colour' is not a setting");
        userError(() -> LmSpec.parse("lm:minilm:layer=1:hook=/x"), "both layer and hook");
        userError(() -> StreamingData.open(spec(dir).replace("layer=2", "layer=9"), 0.1, true, 1),
                "Layer 9", "0 (the embeddings) to 6");
        userError(() -> new org.sae4j.data.DataSources().load("lm:minilm"), "is captured as it is read",
                "sae4j capture");
    }
}
