package org.sae4j.io.interchange;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Normalizer;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SaeConfig;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;

/**
 * sae4j SAEs to and from the Python tools' form. Export folds the model's input normalisation into the weights,
 * so the exported SAE takes raw inputs and gives raw reconstructions with exactly sae4j's maths. With the
 * model seeing x_n = (x − o)·c per dimension:
 * <pre>
 *   W_enc' = c ⊙ W_encᵀ,  W_dec' = W_dec / c,  b_dec' = o + b_dec / c
 *   (without b_dec on the input: b_enc' = b_enc − W_enc·(o ⊙ c), and likewise b_gate, b_mag)
 * </pre>
 * batchtopk and matryoshka export as jumprelu with their learned inference threshold for every latent.
 *
 * <p>A transcoder's normaliser covers its rows [x | y]: c, o of the input columns fold into the encoder, and c', o'
 * of the target columns into the decoder, W_dec' = W_dec / c', b_dec' = o' + b_dec / c'. A skip transcoder's
 * x_n·W_skipᵀ / c' is then x·W_skip'ᵀ less a constant: W_skip'[p][j] = W_skip[p][j]·c_j / c'_p, and
 * b_dec'_p −= Σ_j W_skip[p][j]·o_j·c_j / c'_p. SAELens registers transcoder and skip_transcoder (ReLU latents, from
 * standard) and jumprelu_transcoder and jumprelu_skip_transcoder (from jumprelu, batchtopk and matryoshka); a topk
 * or gated transcoder has no SAELens form and is refused in a sentence.
 */
public final class SaeExchange {
    private SaeExchange() {
    }

    /** The neutral form of {@code sae}, normalisation folded in; {@code log10Density} may be null. */
    public static ExternalSae toExternal(SparseAutoencoder sae, float[] log10Density, String source) {
        if (sae.config().transcoder()) {
            return TranscoderExchange.toExternal(sae, log10Density, source);
        }
        int d = sae.inputSize();
        int w = sae.latentSize();
        float[] c = new float[d];
        float[] o = new float[d];
        perDimension(sae.normalizer(), c, o);
        float[] enc = sae.encoderWeight().value();
        float[] dec = sae.decoderWeight().value();
        float[] b = sae.decoderBias().value();
        float[] wEnc = new float[d * w];
        float[] wDec = new float[d * w];
        float[] shift = new float[w]; // W_enc·(o ⊙ c): what a dropped input offset adds to each pre-activation
        for (int i = 0; i < w; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                wEnc[j * w + i] = c[j] * enc[i * d + j];
                wDec[i * d + j] = dec[i * d + j] / c[j];
                s += (double) enc[i * d + j] * o[j] * c[j];
            }
            shift[i] = (float) s;
        }
        float[] bDec = new float[d];
        for (int j = 0; j < d; j++) {
            bDec[j] = o[j] + b[j] / c[j];
        }
        boolean apply = sae.config().applyBDecToInput();
        float[] bEnc = apply ? sae.encoderBias().value().clone() : minus(sae.encoderBias().value(), shift, 1f, null);
        Architecture a = sae.architecture();
        // What an imported SAE came with (SAELens's model_name, hook_name, context_size, ...) goes out again.
        Map<String, Object> meta = new LinkedHashMap<>(sae.importedMetadata());
        meta.put("sae4j_architecture", a.id());
        meta.put("sae4j_config", sae.describe());
        ExternalSae.Builder out = switch (a) {
            case STANDARD -> ExternalSae.builder(ExternalSae.STANDARD, d, w).biases(bEnc, bDec);
            case TOPK -> ExternalSae.builder(ExternalSae.TOPK, d, w).biases(bEnc, bDec).k(sae.config().k());
            case BATCHTOPK, MATRYOSHKA, JUMPRELU -> ExternalSae.builder(ExternalSae.JUMPRELU, d, w).biases(bEnc, bDec)
                    .threshold(sae.exportThreshold());
            case GATED -> {
                var g = (org.sae4j.model.sae.GatedSae) sae;
                float[] rMag = g.rMag().value().clone();
                float[] bMag = apply ? g.bMag().value().clone() : minus(g.bMag().value(), shift, 1f, rMag);
                yield ExternalSae.builder(ExternalSae.GATED, d, w).biases(null, bDec).gate(bEnc, rMag, bMag);
            }
        };
        return out.weights(wEnc, wDec).applyBDecToInput(apply).normalizeActivations("none")
                .log10Density(log10Density).metadata(meta).source(source).build();
    }

    /** An sae4j SAE computing exactly the external one's maths (its scaling factor folded into the weights). */
    public static SparseAutoencoder fromExternal(ExternalSae external) {
        if (external.transcoder()) {
            return TranscoderExchange.fromExternal(external);
        }
        ExternalSae e = external.withNormScalingFolded();
        // expected_average_only_in without a scaler is the identity: SAELens loads it so (its trainer folds the
        // scaling into the weights before saving).
        if (!e.normalizeActivations().equals("none") && !e.normalizeActivations().equals("expected_average_only_in")) {
            throw new InvalidInputException("SAE '" + e.source() + "' normalises each input with '" + e.normalizeActivations()
                    + "', which sae4j does not apply; expected none or expected_average_only_in.");
        }
        Architecture a = Architecture.parse(e.architecture());
        SaeBuilder builder = SaeBuilder.of(a, e.dIn()).width(e.dSae()).applyBDecToInput(e.applyBDecToInput());
        if (e.k() != null) {
            builder.k(e.k());
        }
        if (a == Architecture.JUMPRELU) {
            // Trained thresholds come with the file; ε is Gemma Scope's, so fine-tuning never recalibrates.
            builder.bandwidth(1e-3).initialThreshold(1e-3);
        }
        SaeConfig config = builder.config();
        SparseAutoencoder sae = SparseAutoencoder.create(config);
        sae.setImportedMetadata(e.metadata());
        int d = e.dIn();
        int w = e.dSae();
        float[] enc = sae.encoderWeight().value();
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < w; i++) {
                enc[i * d + j] = e.wEnc()[j * w + i];
            }
        }
        System.arraycopy(e.wDec(), 0, sae.decoderWeight().value(), 0, d * w);
        System.arraycopy(e.bDec(), 0, sae.decoderBias().value(), 0, d);
        if (a == Architecture.GATED) {
            var g = (org.sae4j.model.sae.GatedSae) sae;
            System.arraycopy(e.bGate(), 0, sae.encoderBias().value(), 0, w);
            System.arraycopy(e.rMag(), 0, g.rMag().value(), 0, w);
            System.arraycopy(e.bMag(), 0, g.bMag().value(), 0, w);
        } else {
            System.arraycopy(e.bEnc(), 0, sae.encoderBias().value(), 0, w);
        }
        if (a == Architecture.JUMPRELU) {
            Parameter log = sae.parameters().stream().filter(p -> p.name().equals("log_threshold")).findFirst().orElseThrow();
            for (int i = 0; i < w; i++) {
                // SAELens applies ReLU before the threshold, so θ ≤ 0 acts as θ = 0+: the smallest positive float.
                log.value()[i] = (float) StrictMath.log(Math.max(e.threshold()[i], Float.MIN_VALUE));
            }
        }
        return sae;
    }

    /** The normaliser as a per-dimension scale c and offset o (identity for none). */
    static void perDimension(Normalizer n, float[] c, float[] o) {
        java.util.Arrays.fill(c, 1f);
        if (n.kind() == Normalizer.Kind.NONE) {
            return;
        }
        for (int j = 0; j < c.length; j++) {
            int f = n.scale().length == 1 ? 0 : j;
            c[j] = n.scale()[f];
            o[j] = n.offset()[f];
        }
    }

    /** a − factor·(mul ⊙ shift), where mul is exp(r_mag) per latent when given. */
    static float[] minus(float[] a, float[] shift, float factor, float[] rMag) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            double m = rMag == null ? 1 : StrictMath.exp(rMag[i]);
            out[i] = (float) (a[i] - factor * m * shift[i]);
        }
        return out;
    }
}
