package org.sae4j.spark.cli;

import org.sae4j.ErrorText;
import org.sae4j.InvalidInputException;

/**
 * The one sentence a failure is reported in. A user error thrown on an executor reaches the driver wrapped in
 * Spark's own exceptions (with the whole stage's story); its sentence is the one to print. Anything else is named by
 * its first line.
 */
final class SparkErrors {
    private SparkErrors() {
    }

    static String sentence(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException) {
                return ErrorText.printable(t.getMessage());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t.getClass().getSimpleName().equals("AnalysisException")) {
                return ErrorText.printable("A path could not be read or written (" + firstLine(t) + ").");
            }
        }
        return ErrorText.printable("The Spark job failed (" + e.getClass().getSimpleName() + ": " + firstLine(e) + ").");
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        return m == null ? "no message" : m.lines().findFirst().orElse("").strip();
    }
}
