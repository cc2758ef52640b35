package org.sae4j.io.interchange;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.InvalidInputException;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;

/**
 * {@link SaeExchange} for transcoders: sae4j transcoders to and from SAELens's four transcoder architectures, the
 * normalisation of the input columns folded into the encoder and that of the target columns into the decoder (the
 * equations are on {@link SaeExchange}). A transcoder never subtracts b_dec from its input, so the input offset
 * always moves into b_enc.
 */
final class TranscoderExchange {
    private TranscoderExchange() {
    }

    static ExternalSae toExternal(SparseAutoencoder t, float[] log10Density, String source) {
        Architecture a = t.architecture();
        boolean skip = t.config().skip();
        String arch = switch (a) {
            case STANDARD -> skip ? ExternalSae.SKIP_TRANSCODER : ExternalSae.TRANSCODER;
            case JUMPRELU, BATCHTOPK, MATRYOSHKA -> skip ? ExternalSae.JUMPRELU_SKIP_TRANSCODER : ExternalSae.JUMPRELU_TRANSCODER;
            case TOPK, GATED -> throw new InvalidInputException("A " + a.id() + " transcoder has no SAELens form: SAELens "
                    + "registers transcoder, skip_transcoder, jumprelu_transcoder and jumprelu_skip_transcoder; train "
                    + "--arch standard, jumprelu or batchtopk to export one, or keep the sae4j model file.");
        };
        int d = t.inputSize();
        int dOut = t.outputSize();
        int w = t.latentSize();
        float[] c = new float[d];
        float[] o = new float[d];
        float[] cOut = new float[dOut];
        float[] oOut = new float[dOut];
        SaeExchange.perDimension(t.normalizer().columns(0, d), c, o);
        SaeExchange.perDimension(t.normalizer().columns(d, dOut), cOut, oOut);
        float[] enc = t.encoderWeight().value();
        float[] dec = t.decoderWeight().value();
        float[] wEnc = new float[d * w];
        float[] wDec = new float[w * dOut];
        float[] shift = new float[w]; // W_enc·(o ⊙ c): what the dropped input offset adds to each pre-activation
        for (int i = 0; i < w; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                wEnc[j * w + i] = c[j] * enc[i * d + j];
                s += (double) enc[i * d + j] * o[j] * c[j];
            }
            shift[i] = (float) s;
            for (int p = 0; p < dOut; p++) {
                wDec[i * dOut + p] = dec[i * dOut + p] / cOut[p];
            }
        }
        float[] b = t.decoderBias().value();
        float[] bDec = new float[dOut];
        float[] wSkip = skip ? new float[dOut * d] : null;
        for (int p = 0; p < dOut; p++) {
            double constant = 0;
            if (skip) {
                float[] ws = t.skipWeight().value();
                for (int j = 0; j < d; j++) {
                    wSkip[p * d + j] = ws[p * d + j] * c[j] / cOut[p];
                    constant += (double) ws[p * d + j] * o[j] * c[j];
                }
            }
            bDec[p] = (float) (oOut[p] + (b[p] - constant) / cOut[p]);
        }
        Map<String, Object> meta = new LinkedHashMap<>(t.importedMetadata());
        meta.put("sae4j_architecture", a.id());
        meta.put("sae4j_config", t.describe());
        ExternalSae.Builder out = ExternalSae.builder(arch, d, w).dOut(dOut).skip(wSkip).weights(wEnc, wDec)
                .biases(SaeExchange.minus(t.encoderBias().value(), shift, 1f, null), bDec).applyBDecToInput(false);
        if (ExternalSae.hasThreshold(arch)) {
            out.threshold(t.exportThreshold());
        }
        return out.normalizeActivations("none").log10Density(log10Density).metadata(meta).source(source).build();
    }

    /** An sae4j transcoder computing exactly the external one's maths. */
    static SparseAutoencoder fromExternal(ExternalSae e) {
        if (!e.normalizeActivations().equals("none") && !e.normalizeActivations().equals("expected_average_only_in")) {
            throw new InvalidInputException("Transcoder '" + e.source() + "' normalises each input with '"
                    + e.normalizeActivations() + "', which sae4j does not apply; expected none or expected_average_only_in.");
        }
        boolean jump = ExternalSae.hasThreshold(e.architecture());
        Architecture a = jump ? Architecture.JUMPRELU : Architecture.STANDARD;
        SaeBuilder builder = SaeBuilder.of(a, e.dIn()).width(e.dSae()).targetSize(e.dOut())
                .skip(ExternalSae.hasSkip(e.architecture())).applyBDecToInput(false);
        if (jump) {
            builder.bandwidth(1e-3).initialThreshold(1e-3); // trained thresholds come with the file: never recalibrated
        }
        SparseAutoencoder t = SparseAutoencoder.create(builder.config());
        t.setImportedMetadata(e.metadata());
        int d = e.dIn();
        int w = e.dSae();
        float[] enc = t.encoderWeight().value();
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < w; i++) {
                enc[i * d + j] = e.wEnc()[j * w + i];
            }
        }
        System.arraycopy(e.wDec(), 0, t.decoderWeight().value(), 0, w * e.dOut());
        System.arraycopy(e.bDec(), 0, t.decoderBias().value(), 0, e.dOut());
        System.arraycopy(e.bEnc(), 0, t.encoderBias().value(), 0, w);
        if (e.wSkip() != null) {
            System.arraycopy(e.wSkip(), 0, t.skipWeight().value(), 0, e.wSkip().length);
        }
        if (jump) {
            Parameter log = t.parameters().stream().filter(p -> p.name().equals("log_threshold")).findFirst().orElseThrow();
            for (int i = 0; i < w; i++) {
                // ReLU comes before the threshold in SAELens, so θ ≤ 0 acts as θ = 0+: the smallest positive float.
                log.value()[i] = (float) StrictMath.log(Math.max(e.threshold()[i], Float.MIN_VALUE));
            }
        }
        return t;
    }
}
