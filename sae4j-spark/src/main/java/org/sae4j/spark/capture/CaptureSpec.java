package org.sae4j.spark.capture;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.capture.CaptureSettings;
import org.sae4j.lm.capture.Capturer;

/**
 * Everything an executor needs to capture as {@code sae4j capture} does, as plain values that travel with the tasks
 * (the model goes by name or path, never as bytes: every executor reads it from its own class path or disk).
 *
 * @param model     a model name ({@code minilm}, ...) or an ONNX file's path, as {@code sae4j capture --model} takes
 * @param tokenizer the tokenizer.json's path, or null for the model's own
 * @param layer     the hidden_states layer, {@link Capturer#MIDDLE} for the middle one, ignored when {@code hook} is set
 * @param hook      a graph tensor to capture instead of a layer, or null
 * @param threads   ONNX Runtime threads per task (Spark's parallelism is its tasks, so 1 by default)
 */
public record CaptureSpec(String model, String tokenizer, int layer, String hook, int context, int batch, boolean keepSpecial,
                          double maxNormRatio, String dtype, int shardRows, boolean prune, int threads) implements Serializable {
    /** sae4j-lm's settings for these values (checked there, each refusal one sentence). */
    public CaptureSettings settings() {
        return new CaptureSettings(context, batch, keepSpecial, maxNormRatio, dtype.toUpperCase(Locale.ROOT), shardRows, prune,
                threads);
    }

    /** A new capturer: the model loaded, the hook resolved and checked, the hooked session open. */
    Capturer open() {
        LanguageModel lm = LanguageModel.load(model, tokenizer == null ? null : Path.of(tokenizer));
        return Capturer.at(lm, layer, hook, settings());
    }
}
