package org.sae4j.report;

/**
 * Makes AWT run without a display. Reports are written on servers and in CI, where touching a display
 * (or a missing one) would fail; the property must be set before AWT first initialises, so every report
 * entry point calls this first. A value the user set explicitly is kept.
 */
public final class Headless {
    private Headless() {
    }

    public static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
