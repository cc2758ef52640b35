package org.sae4j.lm.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.lm.capture.CaptureSettings;
import org.sae4j.lm.capture.Capturer;

/**
 * {@code lm:MODEL[:layer=N|:hook=NAME][:text=SOURCE[,SOURCE]][:text-field=F][:context=N][:batch=N][:keep-special]
 * [:tokenizer=FILE][:documents=N]}: a language model's activations as training data, with capture's meanings and
 * defaults (minilm's middle layer, the embedded corpus, context 128). Paths may not hold ':'.
 */
public record LmSpec(String model, int layer, String hook, List<String> text, String textField, Path tokenizer,
                     Long documents, CaptureSettings settings) {
    public static final String PREFIX = "lm:";
    static final String FORM = "lm:MODEL[:layer=N|:hook=NAME][:text=FILE][:text-field=F][:context=N][:batch=N]"
            + "[:keep-special][:tokenizer=FILE][:documents=N]";

    public static LmSpec parse(String spec) {
        String[] parts = spec.substring(PREFIX.length()).split(":", -1);
        String model = parts[0].isEmpty() ? "minilm" : parts[0];
        int layer = Capturer.MIDDLE;
        String hook = null;
        List<String> text = new ArrayList<>();
        String field = "text";
        Path tokenizer = null;
        Long documents = null;
        CaptureSettings d = CaptureSettings.defaults();
        int context = d.context();
        int batch = d.batch();
        boolean keep = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? null : p.substring(eq + 1);
            if (!key.equals("keep-special") && (value == null || value.isEmpty())) {
                throw bad(spec, "'" + p + "' has no value");
            }
            switch (key) {
                case "layer" -> layer = integer(spec, key, value);
                case "hook" -> hook = value;
                case "text" -> text.addAll(List.of(value.split(",")));
                case "text-field" -> field = value;
                case "context" -> context = integer(spec, key, value);
                case "batch" -> batch = integer(spec, key, value);
                case "keep-special" -> keep = true;
                case "tokenizer" -> tokenizer = Path.of(value);
                case "documents" -> documents = (long) integer(spec, key, value);
                default -> throw bad(spec, "'" + key + "' is not a setting");
            }
        }
        if (hook != null && layer != Capturer.MIDDLE) {
            throw bad(spec, "it gives both layer and hook");
        }
        CaptureSettings settings = new CaptureSettings(context, batch, keep, 0, "F32", d.shardRows(), true, d.threads());
        return new LmSpec(model, layer, hook, text, field, tokenizer, documents, settings);
    }

    private static int integer(String spec, String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(spec, key + " '" + value + "' is not a whole number");
        }
    }

    private static InvalidInputException bad(String spec, String why) {
        return new InvalidInputException("Data '" + spec + "' cannot be read: " + why + "; expected " + FORM + ".");
    }
}
