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
