package org.sae4j;

import java.util.Locale;

/**
 * Refuses, in one sentence, work that cannot fit in the heap, before it is attempted: an
 * OutOfMemoryError mid-way prints a trace, may take minutes to arrive and says nothing about the cause.
 */
public final class Memory {
    private Memory() {
    }

    /** Bytes the heap can still take: its maximum less what is in use now. */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /** Throws if {@code bytes} more cannot fit; {@code what} starts the sentence, e.g. "Reading 'x.npy'". */
    public static void require(double bytes, String what) {
        if (bytes <= available()) {
            return;
        }
        // "In use" counts garbage too (an earlier model of a sweep, say): collect once before refusing.
        System.gc();
        long free = available();
        if (bytes > free) {
            long max = Runtime.getRuntime().maxMemory();
            String xmx = heapOption(max + (bytes - free) * 1.25);
            throw new InvalidInputException(what + " needs " + format(bytes) + " of memory but only " + format(free)
                    + " is available (maximum heap " + format(max) + "); ask for less, or give Java more "
                    + "(SAE4J_JAVA_OPTS=-Xmx" + xmx + " for the sae4j launcher, or java -Xmx" + xmx + ").");
        }
    }

    /** An -Xmx value of at least {@code bytes}: a power of two from 64m up (64m, 512m, 1g, 8g). */
    public static String heapOption(double bytes) {
        long mb = 64;
        while (mb * (double) (1L << 20) < bytes) {
            mb *= 2;
        }
        return mb >= 1024 ? mb / 1024 + "g" : mb + "m";
    }

    public static String format(double bytes) {
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / 1e6));
    }
}
