package org.sae4j.cli;

import java.util.Locale;
import java.util.function.Supplier;
import org.sae4j.Memory;

/**
 * An OutOfMemoryError anywhere in a command, as the one sentence {@link Main} prints: what did not fit (what the
 * command noted it was doing through {@link #doing}), the heap it had, and what to do (a larger -Xmx, a smaller
 * batch, streamed data, fewer rows), instead of a stack trace. Every file sae4j writes goes through a temp file
 * and a rename, so an error at any point leaves nothing half-written.
 */
final class OutOfMemory {
    /** Said when even building the sentence does not fit. */
    private static final String FALLBACK = "Out of memory; give Java a larger heap (SAE4J_JAVA_OPTS=-Xmx4g for the "
            + "sae4j launcher, or java -Xmx4g); nothing was half-written.";
    private static volatile String doing;
    private static volatile Supplier<String> afterwards;
    private static volatile boolean streamed;

    private OutOfMemory() {
    }

    /** Notes what the command is doing now, in words that complete "Out of memory while ...". */
    static void doing(String what) {
        doing = what;
    }

    /** The command reads its data a chunk at a time already: advice to stream it would be no advice. */
    static void streamed() {
        streamed = true;
    }

    /** A clause said after the advice (how to continue a run), or null for none, asked for when it is needed. */
    static void afterwards(Supplier<String> clause) {
        afterwards = clause;
    }

    /** Forgets what an earlier command in this JVM noted. */
    static void reset() {
        doing = null;
        afterwards = null;
        streamed = false;
    }

    /** True when {@code t} is an OutOfMemoryError, or was caused by one (a worker's, wrapped). */
    static boolean causedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** The sentence for command {@code command} (its name, such as "train"; null when unknown). */
    static String sentence(String command) {
        try {
            long max = Runtime.getRuntime().maxMemory();
            String xmx = Memory.heapOption(2.0 * max);
            String what = doing != null ? doing : command != null ? "running sae4j " + command : "running sae4j";
            String clause = afterwards != null ? afterwards.get() : null;
            String then = clause != null ? "; " + clause : "";
            return String.format(Locale.ROOT, "Out of memory while %s (maximum heap %s): give Java more "
                    + "(SAE4J_JAVA_OPTS=-Xmx%s for the sae4j launcher, or java -Xmx%s)%s; nothing was half-written%s.",
                    what, Memory.format(max), xmx, xmx, remedies(command), then);
        } catch (OutOfMemoryError e) {
            return FALLBACK;
        }
    }

    /** What else helps, by command: only options that command has. */
    private static String remedies(String command) {
        String stream = streamed ? "" : ", or stream the data (a folder or glob of .npy or .safetensors shards, or one "
                + "such file of 64 MiB or more)";
        String or = streamed ? " or" : ",";
        if (command == null) {
            return stream;
        }
        return switch (command) {
            case "train", "sweep" -> or + " use a smaller --batch-size or a narrower model" + stream;
            case "bench" -> " or use a smaller --batch-size or a narrower model";
            case "report" -> " or use fewer rows (--limit N)";
            case "eval", "encode", "export" -> or + " use fewer rows (--limit N)" + stream;
            default -> "";
        };
    }

}
