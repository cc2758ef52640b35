package org.sae4j.lm;

import java.util.List;
import org.sae4j.lm.capture.CaptureSettings;
import org.sae4j.lm.capture.Capturer;

/**
 * The tests' one copy of MiniLM (90 MB read from its jar once per test JVM) and helpers that open sessions on it
 * with two threads, so the ONNX tests spend their seconds running the model, not loading it.
 */
public final class MiniLm {
    private static LanguageModel model;

    private MiniLm() {
    }

    public static synchronized LanguageModel model() {
        if (model == null) {
            model = LanguageModel.load("minilm", null);
        }
        return model;
    }

    /** Small settings for tests: context 32, batch 4, two threads. */
    public static CaptureSettings settings() {
        return new CaptureSettings(32, 4, false, 0, "F32", 1000, true, 2);
    }

    public static Capturer capturer(List<Integer> layers, CaptureSettings s) {
        return new Capturer(model(), layers, List.of(), s);
    }
}
