package org.sae4j.io.interchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sae4j.InvalidInputException;
import org.sae4j.io.SafeTensors;
import org.sae4j.io.SafeTensorsFile;

/**
 * Reads a SAELens directory (cfg.json + sae_weights.safetensors, optional sparsity.safetensors and
 * activation_scaler.json), in both config layouts SAELens 6.18.0 loads ({@code loading/pretrained_sae_loaders.py}):
 * <ul>
 *   <li>v6: metadata.sae_lens_version (or a top-level sae_lens_version) of 6.0.0-rc.0 or later; keys as in
 *       {@code saes/sae.py} SAEConfig and {@code saes/topk_sae.py} TopKSAEConfig (k defaults to 100 there);</li>
 *   <li>pre-6.0 flat configs, mapped as handle_pre_6_0_config does: hook_point becomes hook_name,
 *       activation_fn_str/activation_fn "topk" with activation_fn_kwargs.k means architecture topk, a boolean
 *       normalize_activations means "expected_average_only_in" or "none", architecture defaults to standard.</li>
 * </ul>
 * Weights of any float dtype load as float32 (read_sae_components_from_disk casts them too). A
 * scaling_factor/finetuning_scaling_factor tensor other than all ones, and topk's
 * rescale_acts_by_decoder_norm, are folded into the weights exactly, so the result is a plain SAE.
 */
public final class SaeLensReader {
    /** SAELens's LLM_METADATA_KEYS: what a pre-6.0 config keeps as metadata. */
    static final Set<String> LLM_METADATA_KEYS = Set.of("model_name", "hook_name", "model_class_name",
            "hook_head_index", "model_from_pretrained_kwargs", "prepend_bos", "exclude_special_tokens",
            "neuronpedia_id", "context_size", "seqpos_slice", "dataset_path", "sae_lens_version",
            "sae_lens_training_version", "hook_name_out", "hook_head_index_out");
    private static final Map<String, String> PRE_6_RENAMES = Map.of("hook_point", "hook_name",
            "hook_point_head_index", "hook_head_index", "activation_fn_str", "activation_fn");

    private SaeLensReader() {
    }

    public static ExternalSae read(Path dir) {
        Path weightsFile = dir.resolve(SaeLensWriter.WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new InvalidInputException("Directory '" + dir + "' has no " + SaeLensWriter.WEIGHTS
                    + "; expected a SAELens SAE directory.");
        }
        CfgJson cfg = CfgJson.read(dir.resolve(SaeLensWriter.CFG));
        Config c = isV6(version(cfg)) ? v6(cfg) : pre6(cfg);
        SafeTensorsFile w = SafeTensors.read(weightsFile);
        int dIn = c.dIn;
        int dSae = c.dSae;
        int dOut = c.dOut;
        boolean gated = c.architecture.equals(ExternalSae.GATED);
        float[] wEnc = w.require("W_enc", dIn, dSae).data();
        float[] wDec = w.require("W_dec", dSae, dOut).data();
        float[] bDec = w.require("b_dec", dOut).data();
        float[] bEnc = gated ? null : w.require("b_enc", dSae).data();
        float[] threshold = ExternalSae.hasThreshold(c.architecture) ? w.require("threshold", dSae).data() : null;
        float[] wSkip = ExternalSae.hasSkip(c.architecture) ? w.require("W_skip", dOut, dIn).data() : null;
        for (String name : List.of("scaling_factor", "finetuning_scaling_factor")) {
            if (w.tensors().containsKey(name)) {
                float[] s = w.require(name, dSae).data();
                if (!Folds.allOnes(s)) {
                    Folds.scaleDecoderRows(wDec, s, dOut);
                }
            }
        }
        if (c.rescaleByDecoderNorm) {
            Folds.foldDecoderNorm(wEnc, bEnc, wDec, dIn, dSae);
        }
        return new ExternalSae(c.architecture, dIn, dSae, wEnc, bEnc, wDec, bDec, threshold, c.k,
                gated ? w.require("b_gate", dSae).data() : null, gated ? w.require("r_mag", dSae).data() : null,
                gated ? w.require("b_mag", dSae).data() : null, c.applyBDecToInput, c.normalize,
                scalingFactor(dir), sparsity(dir, dSae), c.metadata, dir.toString(), dOut, wSkip);
    }

    /** True for a SAELens version of 6.0.0-rc.0 or later, the rule handle_config_defaulting applies. */
    static boolean isV6(String version) {
        if (version == null) {
            return false;
        }
        String major = version.strip().replaceFirst("^v", "").split("[.\\-+]", 2)[0];
        try {
            return Integer.parseInt(major) >= 6;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String version(CfgJson cfg) {
        if (cfg.has("sae_lens_version") && cfg.get("sae_lens_version").isTextual()) {
            return cfg.get("sae_lens_version").textValue();
        }
        Object v = cfg.has("metadata") && cfg.get("metadata").isObject()
                ? cfg.optObject("metadata").get("sae_lens_version") : null;
        return v instanceof String s ? s : null;
    }

    private record Config(String architecture, int dIn, int dSae, Integer k, boolean rescaleByDecoderNorm,
            boolean applyBDecToInput, String normalize, Map<String, Object> metadata, int dOut) {
    }

    private static Config v6(CfgJson cfg) {
        if (!cfg.has("architecture")) {
            throw new InvalidInputException("File '" + cfg.file() + "' has no key 'architecture'; expected one of "
                    + String.join(", ", ExternalSae.ARCHITECTURES) + ".");
        }
        String arch = architecture(cfg, cfg.optString("architecture", null));
        boolean topk = arch.equals(ExternalSae.TOPK);
        Integer k = topk ? (cfg.has("k") ? Integer.valueOf(cfg.requireInt("k")) : Integer.valueOf(100)) : null;
        int dIn = cfg.requireInt("d_in");
        // A transcoder never applies b_dec to its input (Transcoder.process_sae_in), whatever its config says.
        boolean transcoder = ExternalSae.isTranscoder(arch);
        return new Config(arch, dIn, cfg.requireInt("d_sae"), k,
                topk && cfg.optBool("rescale_acts_by_decoder_norm", false),
                !transcoder && cfg.optBool("apply_b_dec_to_input", true), normalize(cfg), cfg.optObject("metadata"),
                transcoder ? cfg.requireInt("d_out") : dIn);
    }

    private static Config pre6(CfgJson cfg) {
        Map<String, Object> renamed = new LinkedHashMap<>();
        cfg.all().forEach((key, value) -> renamed.put(PRE_6_RENAMES.getOrDefault(key, key), value));
        String activation = renamed.get("activation_fn") instanceof String s ? s : "relu";
        String arch = architecture(cfg, cfg.optString("architecture", ExternalSae.STANDARD));
        Integer k = null;
        if (activation.equals("topk") || arch.equals(ExternalSae.TOPK)) {
            k = topkK(cfg);
            arch = ExternalSae.TOPK;
        } else if (!activation.equals("relu")) {
            throw new InvalidInputException("File '" + cfg.file() + "' has activation_fn '" + activation
                    + "'; expected relu or topk.");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        renamed.forEach((key, value) -> {
            if (LLM_METADATA_KEYS.contains(key)) {
                metadata.put(key, value);
            }
        });
        if (ExternalSae.isTranscoder(arch)) {
            throw new InvalidInputException("File '" + cfg.file() + "' describes a " + arch + " in a config older than "
                    + "SAELens 6.0; expected metadata.sae_lens_version 6.0.0 or later, as SAELens writes for transcoders.");
        }
        return new Config(arch, cfg.requireInt("d_in"), cfg.requireInt("d_sae"), k, false,
                cfg.optBool("apply_b_dec_to_input", true), normalize(cfg), metadata, cfg.requireInt("d_in"));
    }

    private static int topkK(CfgJson cfg) {
        var kwargs = cfg.get("activation_fn_kwargs");
        if (kwargs != null && kwargs.isObject() && kwargs.has("k") && !kwargs.get("k").isNull()) {
            return cfg.intValue("activation_fn_kwargs.k", kwargs.get("k"));
        }
        if (cfg.has("k")) {
            return cfg.requireInt("k");
        }
        throw new InvalidInputException("File '" + cfg.file() + "' describes a topk SAE without "
                + "activation_fn_kwargs.k; expected the number of active latents there.");
    }

    private static String architecture(CfgJson cfg, String arch) {
        if (!ExternalSae.ARCHITECTURES.contains(arch)) {
            throw new InvalidInputException("File '" + cfg.file() + "' has architecture '" + arch
                    + "'; expected one of " + String.join(", ", ExternalSae.ARCHITECTURES) + ".");
        }
        return arch;
    }

    private static String normalize(CfgJson cfg) {
        var v = cfg.get("normalize_activations");
        if (v == null || v.isNull()) {
            return "none";
        }
        if (v.isBoolean()) { // pre-6.0 configs stored a flag for the April-update scaling
            return v.booleanValue() ? "expected_average_only_in" : "none";
        }
        String s = cfg.optString("normalize_activations", "none");
        if (!ExternalSae.NORMALIZATIONS.contains(s)) {
            throw new InvalidInputException("File '" + cfg.file() + "' has normalize_activations '" + s
                    + "'; expected one of " + String.join(", ", ExternalSae.NORMALIZATIONS) + ".");
        }
        return s;
    }

    /** activation_scaler.json (training checkpoints): inputs are multiplied by scaling_factor unless it is null. */
    private static Double scalingFactor(Path dir) {
        Path file = dir.resolve("activation_scaler.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        CfgJson scaler = CfgJson.read(file);
        var v = scaler.get("scaling_factor");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidInputException("File '" + file + "' has scaling_factor " + v + "; expected a number.");
        }
        return v.doubleValue();
    }

    /** sparsity.safetensors, tensor "sparsity" [d_sae], as sae_lens_huggingface_loader reads it. */
    private static float[] sparsity(Path dir, int dSae) {
        Path file = dir.resolve(SaeLensWriter.SPARSITY);
        return Files.isRegularFile(file) ? SafeTensors.read(file).require("sparsity", dSae).data() : null;
    }
}
