package org.sae4j.io.interchange;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.io.AtomicFiles;
import org.sae4j.io.SafeTensors;
import org.sae4j.io.Tensor;

/**
 * Writes a SAELens v6 directory that {@code SAE.load_from_disk(dir)} loads, checked against SAELens 6.18.0
 * ({@code sae_lens/saes/sae.py} save_model / load_from_disk, {@code loading/pretrained_sae_loaders.py}
 * sae_lens_disk_loader and handle_config_defaulting, {@code constants.py} file names):
 * <ul>
 *   <li>{@code sae_weights.safetensors}, F32: W_enc [d_in, d_sae], b_enc [d_sae] (not for gated), W_dec
 *       [d_sae, d_in], b_dec [d_in], threshold [d_sae] for jumprelu, b_gate, r_mag, b_mag [d_sae] for gated:
 *       exactly the module's state dict, since SAELens loads it with a strict load_state_dict; a transcoder's
 *       W_dec is [d_sae, d_out], its b_dec [d_out], and a skip transcoder adds W_skip [d_out, d_in]
 *       ({@code saes/transcoder.py});</li>
 *   <li>{@code cfg.json}: the keys SAEConfig.to_dict writes (architecture, d_in, d_sae, dtype, device,
 *       apply_b_dec_to_input, normalize_activations, reshape_activations, metadata) plus k and
 *       rescale_acts_by_decoder_norm for topk, d_out for transcoders. metadata.sae_lens_version is at least 6.0.0, because
 *       handle_config_defaulting treats a config without it as pre-6.0 and drops most of the metadata;</li>
 *   <li>{@code sparsity.safetensors}: tensor "sparsity" [d_sae], log10 feature density, when known.</li>
 * </ul>
 * A norm scaling factor is folded into the weights first, as SAELens's trainer does before saving.
 *
 * <p>Every file is written complete into a temporary directory beside {@code dir}; only then are they
 * renamed into place (the whole directory in one rename when {@code dir} is new), so a failure never leaves a
 * half-written SAE, and other files already in {@code dir} are left alone.
 */
public final class SaeLensWriter {
    public static final String WEIGHTS = "sae_weights.safetensors";
    public static final String CFG = "cfg.json";
    public static final String SPARSITY = "sparsity.safetensors";
    /** The SAELens config version written; loaders treat anything below 6.0.0-rc.0 as the old flat layout. */
    static final String SAE_LENS_VERSION = "6.0.0";

    private SaeLensWriter() {
    }

    public static void write(ExternalSae sae, Path dir) {
        ExternalSae folded = sae.withNormScalingFolded();
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException("Output '" + dir + "' is a file; expected a directory for the SAELens SAE.");
        }
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            shareable(tmp);
            SafeTensors.write(tmp.resolve(WEIGHTS), tensors(folded));
            byte[] cfg = CfgJson.JSON.writer().with(SerializationFeature.INDENT_OUTPUT)
                    .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValueAsBytes(config(folded));
            AtomicFiles.write(tmp.resolve(CFG), out -> out.write(cfg));
            if (folded.log10Density() != null) {
                SafeTensors.write(tmp.resolve(SPARSITY),
                        Map.of("sparsity", Tensor.f32(folded.log10Density(), folded.dSae())));
            }
            install(tmp, target, folded.log10Density() != null);
        } catch (IOException e) {
            throw new InvalidInputException("Could not write SAELens directory '" + dir + "' (" + e
                    + "); expected a writable directory.", e);
        } finally {
            deleteQuietly(tmp); // gone already when it became the directory; emptied when files moved out of it
        }
    }

    /** The state dict SAELens's module for this architecture expects, in its parameter order. */
    static Map<String, Tensor> tensors(ExternalSae sae) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        int dIn = sae.dIn();
        int dSae = sae.dSae();
        t.put("W_enc", Tensor.f32(sae.wEnc(), dIn, dSae));
        if (sae.bEnc() != null) {
            t.put("b_enc", Tensor.f32(sae.bEnc(), dSae));
        }
        t.put("W_dec", Tensor.f32(sae.wDec(), dSae, sae.dOut()));
        t.put("b_dec", Tensor.f32(sae.bDec(), sae.dOut()));
        if (sae.threshold() != null) {
            t.put("threshold", Tensor.f32(sae.threshold(), dSae)); // always, for jumprelu: SAELens #608
        }
        if (sae.architecture().equals(ExternalSae.GATED)) {
            t.put("b_gate", Tensor.f32(sae.bGate(), dSae));
            t.put("r_mag", Tensor.f32(sae.rMag(), dSae));
            t.put("b_mag", Tensor.f32(sae.bMag(), dSae));
        }
        if (sae.wSkip() != null) {
            t.put("W_skip", Tensor.f32(sae.wSkip(), sae.dOut(), dIn)); // SkipTranscoder: [d_out, d_in]
        }
        return t;
    }

    /** cfg.json as SAEConfig.to_dict (and TopKSAEConfig) would write it. */
    static Map<String, Object> config(ExternalSae sae) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("architecture", sae.architecture());
        cfg.put("d_in", sae.dIn());
        cfg.put("d_sae", sae.dSae());
        if (sae.transcoder()) {
            cfg.put("d_out", sae.dOut()); // TranscoderConfig.to_dict
        }
        cfg.put("dtype", "float32");
        cfg.put("device", "cpu");
        cfg.put("apply_b_dec_to_input", sae.applyBDecToInput());
        cfg.put("normalize_activations", sae.normalizeActivations());
        cfg.put("reshape_activations", "none");
        if (sae.k() != null) {
            cfg.put("k", sae.k());
            cfg.put("rescale_acts_by_decoder_norm", false); // sae4j's decoder is used as is
        }
        cfg.put("metadata", metadata(sae.metadata()));
        return cfg;
    }

    private static Map<String, Object> metadata(Map<String, Object> given) {
        Map<String, Object> m = new LinkedHashMap<>();
        Object version = given.get("sae_lens_version");
        m.put("sae_lens_version", version instanceof String v && SaeLensReader.isV6(v) ? v : SAE_LENS_VERSION);
        given.forEach((key, value) -> {
            if (!key.equals("sae_lens_version")) {
                m.put(key, value);
            }
        });
        return m;
    }

    private static void install(Path tmp, Path target, boolean hasSparsity) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
        // An existing directory: replace our files one atomic rename each, cfg.json last since loaders start there.
        for (String name : List.of(WEIGHTS, SPARSITY, CFG)) {
            Path from = tmp.resolve(name);
            if (Files.exists(from)) {
                move(from, target.resolve(name));
            } else if (name.equals(SPARSITY) && !hasSparsity) {
                Files.deleteIfExists(target.resolve(name)); // a stale one would describe another SAE
            }
        }
    }

    // Temp directories are created owner-only; an exported SAE is meant to be shared like any new directory.
    private static void shareable(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: a leftover dot-directory is harmless
        }
    }
}
