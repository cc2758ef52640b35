package org.sae4j.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.ModelConfig;
import org.sae4j.nn.Parameter;

/**
 * The sae4j model file: one safetensors file that any safetensors reader (Python included) can open.
 *
 * <ul>
 *   <li>metadata {@code format} = {@value #FORMAT}, {@code format_version} = {@value #VERSION},
 *       {@code config} = the {@link ModelConfigJson} text, {@code normalization} = none | min_max | standardize,
 *       {@code history} = JSON list of the epochs trained (loss, reconstruction, validation, l0,
 *       mean_activation; no timings, so equal runs give equal bytes);</li>
 *   <li>tensors {@code encoder.i.weight} [in, out] and {@code encoder.i.bias} [out], then the same for
 *       {@code decoder.i}, all F32 row-major (so x·W + b, the transpose of PyTorch's Linear.weight);</li>
 *   <li>{@code normalizer.offset} and {@code normalizer.scale} when a normaliser was fitted: the model sees
 *       (x − offset) · scale.</li>
 * </ul>
 * Writes are atomic (temporary file, then rename), so a crash never leaves a half-written model.
 */
public final class ModelFile {
    public static final String FORMAT = "sae4j-autoencoder";
    public static final String VERSION = "1";

    private ModelFile() {
    }

    public static void save(Autoencoder model, Path file) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put("config", ModelConfigJson.toJson(model.config()));
        meta.put("normalization", model.normalizer().kind().name().toLowerCase(java.util.Locale.ROOT));
        meta.put("history", HistoryJson.toJson(model.history()));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            tensors.put(p.name(), Tensor.f32(p.value(), toLong(p.shape())));
        }
        Normalizer n = model.normalizer();
        if (n.kind() != Normalizer.Kind.NONE) {
            tensors.put("normalizer.offset", Tensor.f32(n.offset(), n.offset().length));
            tensors.put("normalizer.scale", Tensor.f32(n.scale(), n.scale().length));
        }
        SafeTensors.write(file, tensors, meta);
    }

    public static Autoencoder load(Path file) {
        SafeTensorsFile f = SafeTensors.read(file);
        String format = f.metadata().get("format");
        if (!FORMAT.equals(format)) {
            throw new InvalidInputException("File '" + file + "' is not an sae4j model (metadata format is "
                    + (format == null ? "missing" : "'" + format + "'") + "; expected '" + FORMAT + "').");
        }
        if (!VERSION.equals(f.metadata().get("format_version"))) {
            throw new InvalidInputException("File '" + file + "' has model format version "
                    + f.metadata().get("format_version") + "; this sae4j reads version " + VERSION + ".");
        }
        ModelConfig config = ModelChecks.config(f, file);
        ModelChecks.parameters(f, config, file);
        Autoencoder model = new Autoencoder(config);
        for (Parameter p : model.parameters()) {
            float[] data = f.require(p.name(), toLong(p.shape())).data();
            System.arraycopy(data, 0, p.value(), 0, data.length);
        }
        Normalizer.Kind kind = ModelChecks.normalization(f, file);
        if (kind != Normalizer.Kind.NONE) {
            int width = kind == Normalizer.Kind.MIN_MAX ? 1 : config.inputSize();
            float[] offset = ModelChecks.finite(f, "normalizer.offset", width, file);
            float[] scale = ModelChecks.finite(f, "normalizer.scale", width, file);
            model.setNormalizer(new Normalizer(kind, offset, scale));
        }
        String history = f.metadata().get("history");
        if (history != null) {
            model.setHistory(HistoryJson.fromJson(history, file.toString()));
        }
        return model;
    }

    private static long[] toLong(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        return s;
    }
}
