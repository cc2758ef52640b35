package org.sae4j.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Normalizer;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.Model;
import org.sae4j.model.TrainedState;
import org.sae4j.model.ModelConfig;
import org.sae4j.model.sae.SaeConfig;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;

/**
 * The sae4j model file: one safetensors file that any safetensors reader (Python included) can open.
 *
 * <ul>
 *   <li>metadata {@code format} = {@value #FORMAT} (deep autoencoders) or {@value #SAE_FORMAT} (dictionary-learning
 *       SAEs), {@code format_version} = {@value #VERSION}, {@code config} = the {@link ModelConfigJson} or
 *       {@link SaeConfigJson} text, {@code normalization} = none | min_max | standardize | mean_norm,
 *       {@code history} = JSON list of the epochs trained (no timings, so equal runs give equal bytes);</li>
 *   <li>every parameter under its own name, F32 row-major: {@code encoder.i.weight} [in, out] and
 *       {@code encoder.i.bias}, then {@code decoder.i}, for autoencoders (x·W + b, the transpose of PyTorch's
 *       Linear.weight); {@code encoder.weight} [d_sae, d_in], {@code encoder.bias}, {@code W_dec} [d_sae, d_in],
 *       {@code b_dec} and the architecture's own (log_threshold, r_mag, b_mag) for SAEs, plus buffers such as
 *       BatchTopK's {@code threshold}; a transcoder's W_dec is [d_sae, d_out] and its b_dec [d_out], a skip
 *       transcoder's {@code W_skip} [d_out, d_in] comes last, and its config holds {@code d_out} and {@code skip};</li>
 *   <li>{@code imported_metadata} = a JSON object, for a model imported from SAELens (its model_name, hook_name,
 *       context_size, ...), kept so that an export writes it again;</li>
 *   <li>{@code normalizer.offset} and {@code normalizer.scale} when a normaliser was fitted: the model sees
 *       (x − offset) · scale (per column of a transcoder's [x | y] rows for standardize).</li>
 * </ul>
 * Writes are atomic (temporary file, then rename), so a crash never leaves a half-written model.
 */
public final class ModelFile {
    public static final String FORMAT = "sae4j-autoencoder";
    public static final String SAE_FORMAT = "sae4j-sae";
    public static final String VERSION = "1";
    /** Metadata key of {@link TrainedState#importedMetadata}, written only when there is some. */
    static final String IMPORTED_METADATA = "imported_metadata";

    private ModelFile() {
    }

    public static void save(Model model, Path file) {
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        if (model instanceof SparseAutoencoder sae) {
            meta.put("format", SAE_FORMAT);
            meta.put("format_version", VERSION);
            meta.put("config", SaeConfigJson.toJson(sae.config()));
        } else if (model instanceof Autoencoder ae) {
            meta.put("format", FORMAT);
            meta.put("format_version", VERSION);
            meta.put("config", ModelConfigJson.toJson(ae.config()));
        } else {
            throw new IllegalArgumentException("no file format for " + model.getClass().getSimpleName());
        }
        meta.put("normalization", model.normalizer().kind().name().toLowerCase(java.util.Locale.ROOT));
        meta.put("history", HistoryJson.toJson(model.history()));
        if (model instanceof TrainedState t && t.sparsityControl() != null) {
            meta.put("sparsity_control", SparsityControlJson.toJson(t.sparsityControl()));
        }
        if (model instanceof TrainedState t && !t.importedMetadata().isEmpty()) { // absent otherwise: same bytes as before
            meta.put(IMPORTED_METADATA, ImportedMetadataJson.toJson(t.importedMetadata()));
        }
        for (Parameter p : model.parameters()) {
            tensors.put(p.name(), Tensor.f32(p.value(), toLong(p.shape())));
        }
        if (model instanceof SparseAutoencoder sae) {
            sae.buffers().forEach((name, v) -> tensors.put(name, Tensor.f32(v, v.length)));
        }
        Normalizer n = model.normalizer();
        if (n.kind() != Normalizer.Kind.NONE) {
            tensors.put("normalizer.offset", Tensor.f32(n.offset(), n.offset().length));
            tensors.put("normalizer.scale", Tensor.f32(n.scale(), n.scale().length));
        }
        SafeTensors.write(file, tensors, meta);
    }

    /** Loads any sae4j model file. */
    public static Model load(Path file) {
        SafeTensorsFile f = SafeTensors.read(file);
        String format = f.metadata().get("format");
        if (!FORMAT.equals(format) && !SAE_FORMAT.equals(format)) {
            throw new InvalidInputException("File '" + file + "' is not an sae4j model (metadata format is "
                    + (format == null ? "missing" : "'" + format + "'") + "; expected '" + FORMAT + "' or '" + SAE_FORMAT + "').");
        }
        if (!VERSION.equals(f.metadata().get("format_version"))) {
            throw new InvalidInputException("File '" + file + "' has model format version "
                    + f.metadata().get("format_version") + "; this sae4j reads version " + VERSION + ".");
        }
        Model model;
        if (SAE_FORMAT.equals(format)) {
            SaeConfig config = SaeConfigJson.fromJson(f.requireMetadata("config"), file.toString());
            ModelChecks.saeParameters(f, config, file);
            SparseAutoencoder sae = SparseAutoencoder.create(config);
            for (String buffer : sae.buffers().keySet()) {
                sae.setBuffer(buffer, f.require(buffer, sae.buffers().get(buffer).length).data());
            }
            model = sae;
        } else {
            ModelConfig config = ModelChecks.config(f, file);
            ModelChecks.parameters(f, config, file);
            model = new Autoencoder(config);
        }
        for (Parameter p : model.parameters()) {
            float[] data = ModelChecks.finiteTensor(f, p.name(), toLong(p.shape()), file);
            System.arraycopy(data, 0, p.value(), 0, data.length);
        }
        Normalizer.Kind kind = ModelChecks.normalization(f, file);
        if (kind != Normalizer.Kind.NONE) {
            int width = kind == Normalizer.Kind.STANDARDIZE ? model.rowSize() : 1; // a transcoder's: its [x | y] rows
            float[] offset = ModelChecks.finite(f, "normalizer.offset", width, file);
            float[] scale = ModelChecks.finite(f, "normalizer.scale", width, file);
            model.setNormalizer(new Normalizer(kind, offset, scale));
        }
        String history = f.metadata().get("history");
        if (history != null) {
            model.setHistory(HistoryJson.fromJson(history, file.toString()));
        }
        String control = f.metadata().get("sparsity_control");
        if (control != null && model instanceof TrainedState t) {
            t.setSparsityControl(SparsityControlJson.fromJson(control, file.toString()));
        }
        String imported = f.metadata().get(IMPORTED_METADATA);
        if (imported != null && model instanceof TrainedState t) {
            t.setImportedMetadata(ImportedMetadataJson.fromJson(imported, file.toString()));
        }
        return model;
    }

    /** Loads a deep autoencoder, refusing other models with a sentence. */
    public static Autoencoder loadAutoencoder(Path file) {
        Model m = load(file);
        if (m instanceof Autoencoder ae) {
            return ae;
        }
        throw new InvalidInputException("File '" + file + "' holds a " + m.describe() + ", not a deep autoencoder.");
    }

    private static long[] toLong(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        return s;
    }
}
