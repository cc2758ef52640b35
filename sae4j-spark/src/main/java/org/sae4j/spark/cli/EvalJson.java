package org.sae4j.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.eval.EvalReport;
import org.sae4j.model.Model;

/**
 * {@code sae4j-spark eval}'s output: one JSON object with the keys and meaning of {@code sae4j eval --json}'s
 * figures (ground truth and probes aside, which need the data on one machine); non-finite values as null.
 */
final class EvalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvalJson() {
    }

    static String toJson(Model m, String modelFile, EvalReport r, int partitions) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", modelFile);
        o.put("architecture", m.describe());
        o.put("dataset", r.dataset());
        o.put("partitions", partitions);
        o.put("samples", r.samples());
        o.put("latents", r.codeSize());
        number(o, "mse", r.mse());
        o.put("mse_units", m.normalizer().kind().name().toLowerCase(java.util.Locale.ROOT));
        number(o, "fvu", r.fvu());
        number(o, "explained_variance", r.explainedVariance());
        number(o, "cosine_similarity", r.cosineSimilarity());
        number(o, "l2_ratio", r.l2Ratio());
        number(o, "relative_reconstruction_bias", r.relativeReconstructionBias());
        number(o, "shrinkage", r.shrinkage());
        o.put("shrinkage_centre", r.shrinkageCentre());
        number(o, "l0", r.l0());
        number(o, "dead_fraction", r.deadFraction());
        number(o, "mean_activation", r.overallMeanActivation());
        number(o, "active_threshold", r.threshold());
        ArrayNode density = o.putArray("latent_density");
        for (double d : r.density()) {
            density.add(d);
        }
        ArrayNode mean = o.putArray("latent_mean_activation");
        for (float a : r.meanActivation()) {
            mean.add(a);
        }
        return o.toString();
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
