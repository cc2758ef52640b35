package org.sae4j.io.interchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.io.SafeTensors;
import org.sae4j.io.SafeTensorsFile;
import org.sae4j.io.Tensor;

/**
 * Reads an EleutherAI sparsify SAE directory: {@code sae.safetensors} + {@code cfg.json}, as
 * {@code sparsify/sparse_coder.py} (SparseCoder.save_to_disk / load_from_disk) writes them. Tensors:
 * {@code encoder.weight} [num_latents, d_in] and {@code encoder.bias} [num_latents] (an nn.Linear),
 * {@code W_dec} [num_latents, d_in], {@code b_dec} [d_in]. Config ({@code sparsify/config.py}
 * SparseCoderConfig, plus d_in): k, num_latents (0 means d_in * expansion_factor), activation, transcode,
 * skip_connection. Encoding subtracts b_dec, applies ReLU and keeps the top k ({@code fused_encoder.py}),
 * which is SAELens's topk with apply_b_dec_to_input; d_in and num_latents are taken from encoder.weight when
 * the config lacks them, and checked against it when it has them.
 */
public final class SparsifyReader {
    public static final String WEIGHTS = "sae.safetensors";

    private SparsifyReader() {
    }

    public static ExternalSae read(Path dir) {
        Path weightsFile = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new InvalidInputException("Directory '" + dir + "' has no " + WEIGHTS
                    + "; expected a sparsify SAE directory.");
        }
        CfgJson cfg = CfgJson.read(dir.resolve(SaeLensWriter.CFG));
        String activation = cfg.optString("activation", "topk");
        if (!activation.equals("topk")) {
            throw new InvalidInputException("File '" + cfg.file() + "' has activation '" + activation
                    + "'; expected topk (sparsify's groupmax is not supported).");
        }
        if (cfg.optBool("transcode", false)) {
            throw new InvalidInputException("File '" + cfg.file() + "' describes a transcoder (transcode: true); "
                    + "expected a sparse autoencoder.");
        }
        if (!cfg.has("k")) {
            throw new InvalidInputException("File '" + cfg.file() + "' has no key 'k'; expected the number of "
                    + "active latents.");
        }
        int k = cfg.requireInt("k");
        SafeTensorsFile w = SafeTensors.read(weightsFile);
        if (cfg.optBool("skip_connection", false) || w.tensors().containsKey("W_skip")) {
            throw new InvalidInputException("File '" + weightsFile + "' has a skip connection (W_skip); expected "
                    + "a plain sparse autoencoder.");
        }
        Tensor enc = w.require("encoder.weight", -1, -1);
        int dSae = dimension(enc, 0, "num_latents", cfg);
        int dIn = dimension(enc, 1, "d_in", cfg);
        Integer expansion = cfg.optInt("expansion_factor");
        if (!positive(cfg.optInt("num_latents")) && expansion != null
                && (long) dIn * expansion != dSae) {
            throw new InvalidInputException("File '" + weightsFile + "' has encoder.weight " + shape(enc)
                    + "; expected " + dIn * (long) expansion + " latents (d_in x expansion_factor " + expansion + ").");
        }
        float[] wEnc = Folds.transpose(enc.data(), dSae, dIn);
        Map<String, Object> metadata = cfg.all();
        metadata.put("source_format", "sparsify");
        return new ExternalSae(ExternalSae.TOPK, dIn, dSae, wEnc, w.require("encoder.bias", dSae).data(),
                w.require("W_dec", dSae, dIn).data(), w.require("b_dec", dIn).data(), null, k, null, null, null,
                true, "none", null, null, metadata, dir.toString());
    }

    /** A dimension of encoder.weight, checked against the config's value when it states one. */
    private static int dimension(Tensor enc, int axis, String key, CfgJson cfg) {
        long actual = enc.shape()[axis];
        Integer stated = cfg.optInt(key);
        if (positive(stated) && stated != actual) {
            throw new InvalidInputException("File '" + cfg.file() + "' has " + key + " " + stated
                    + " but encoder.weight is " + shape(enc) + "; expected them to agree.");
        }
        if (actual < 1 || actual > Integer.MAX_VALUE) {
            throw new InvalidInputException("Tensor 'encoder.weight' next to '" + cfg.file() + "' has shape "
                    + shape(enc) + "; expected [num_latents, d_in], both at least 1.");
        }
        return (int) actual;
    }

    private static boolean positive(Integer v) {
        return v != null && v > 0;
    }

    private static String shape(Tensor t) {
        return Arrays.toString(t.shape());
    }
}
