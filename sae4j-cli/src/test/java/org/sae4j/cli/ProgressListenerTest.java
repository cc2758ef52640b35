package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;
import org.sae4j.model.EpochStats;

class ProgressListenerTest {
    private static final EpochStats STATS = new EpochStats(3, 0.123456, 0.05, 0.06, 12.34, 0.1, 0.9, 0.0, 2.5, 12345);

    @Test
    void withoutATerminalEachEpochIsOnePlainLine() {
        StringWriter text = new StringWriter();
        ProgressListener listener = new ProgressListener(new PrintWriter(text, true), 32, true);
        assertFalse(listener.showsBar(), "the tests' output is not a terminal");
        listener.onEpochStart(3, 20, 100);
        listener.onBatchEnd(0, STATS);
        listener.onEpochEnd(STATS);
        assertFalse(text.toString().contains("\r"), text.toString());
        assertEquals(1, text.toString().lines().count(), text.toString());
        assertTrue(text.toString().startsWith("epoch 3/20  loss 0.12346"), text.toString());
    }

    /** Without a terminal a long epoch (a whole --samples run) still says where it is, every 10 s. */
    @Test
    void withoutATerminalAProgressLineComesEveryTenSeconds() {
        long[] now = {0};
        StringWriter text = new StringWriter();
        ProgressListener listener = new ProgressListener(new PrintWriter(text, true), 32, false,
                ProgressListener.LOG_SECONDS * 1_000_000_000L, () -> now[0]);
        listener.onEpochStart(1, 1, 5000);
        for (int step = 1; step <= 250; step++) {
            now[0] += 100_000_000L; // 0.1 s a step of 512 rows
            listener.onBatchEnd(step - 1, STATS);
            listener.onStep(step, 5000, 512);
        }
        java.util.List<String> lines = text.toString().lines().toList();
        assertEquals(2, lines.size(), text.toString()); // at 10 s and at 20 s
        assertEquals("  step 100 of 5,000 (2.0%)  epoch 1/1  loss 0.12346  L0 12.34  EV 0.9000  dead 0.0%  "
                + "5,120 samples/s  ETA 8m10s", lines.get(0));
        assertTrue(lines.get(1).startsWith("  step 200 of 5,000 (4.0%)"), lines.get(1));
    }

    @Test
    void barWithTheRunsEtaKeepsRoomAtEightyColumns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressBar bar = ProgressListener.bar(12, 20, 235)
                .setConsumer(new ConsoleProgressBarConsumer(sink, 80)).build()) {
            bar.stepBy(100);
            bar.setExtraMessage(ProgressListener.barMessage(STATS, 128, 80, "ETA 12h05m"));
            bar.refresh();
        }
        String last = "";
        for (String frame : bytes.toString(StandardCharsets.UTF_8).split("[\r\n]")) {
            if (frame.contains("[")) {
                last = frame;
            }
        }
        assertTrue(last.length() <= 80, last);
        int width = last.indexOf(']') - last.indexOf('[') - 1;
        assertTrue(width >= 10, "bar only " + width + " wide: " + last);
        assertTrue(last.contains("L0 12.3 EV 0.90 ETA 12h05m"), last);
        assertTrue(ProgressListener.barMessage(STATS, 128, 160, "ETA 5s").endsWith("dead 0.0%  ETA 5s"));
    }

    @Test
    void barKeepsRoomAtEightyColumns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressBar bar = ProgressListener.bar(12, 20, 235)
                .setConsumer(new ConsoleProgressBarConsumer(sink, 80)).build()) {
            bar.stepBy(100);
            bar.setExtraMessage(ProgressListener.message(STATS, 128));
            bar.refresh();
        }
        String last = "";
        for (String frame : bytes.toString(StandardCharsets.UTF_8).split("[\r\n]")) {
            if (frame.contains("[")) {
                last = frame;
            }
        }
        assertTrue(last.length() <= 80, last);
        int width = last.indexOf(']') - last.indexOf('[') - 1;
        assertTrue(width >= 15, "bar only " + width + " wide: " + last);
        assertTrue(last.contains("L0 12.3 EV 0.90 dead 0%"), last);
    }

    @Test
    void wideTerminalsShowEveryLiveFigure() {
        String wide = ProgressListener.message(STATS, 128, 160);
        for (String f : new String[] {"loss 0.1235", "mse 0.05000", "L0 12.3", "EV 0.900", "dead 0.0%"}) {
            assertTrue(wide.contains(f), f + " missing: " + wide);
        }
        assertEquals(ProgressListener.message(STATS, 128), ProgressListener.message(STATS, 128, 80));
    }
}
