package org.sae4j.spark.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sae4j.lm.capture.Capturer;

/**
 * One capturer per JVM and {@link CaptureSpec}: loading a model and opening its ONNX Runtime session costs seconds
 * and its size in memory, so the tasks of an executor (and of later jobs with the same settings) share it. ONNX
 * Runtime runs one session from several threads at once; each task keeps its own {@code WindowEncoder}. The
 * capturers live as long as the JVM (an executor's); a spec that fails to load is not kept, so it fails again with
 * its sentence.
 */
public final class Capturers {
    private static final Map<CaptureSpec, Capturer> OPEN = new ConcurrentHashMap<>();

    private Capturers() {
    }

    /** This JVM's capturer for {@code spec}, loaded on first use. */
    public static Capturer get(CaptureSpec spec) {
        return OPEN.computeIfAbsent(spec, CaptureSpec::open);
    }
}
