package org.sae4j.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.sae4j.eval.DensityHistogram;
import org.sae4j.eval.EvalReport;
import org.sae4j.model.Model;

/**
 * The figures of one evaluation as a JSON object, the keys of {@code sae4j eval --json}: one writer, so that
 * {@code sae4j eval} and {@code sae4j-spark eval} print the same keys with the same meaning (README "Metric
 * definitions"). Non-finite values are written as null. Callers add what only they have (ground truth, probes,
 * partitions).
 */
public final class EvalReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvalReportJson() {
    }

    /** {@code model}, {@code architecture}, {@code dataset}, the reconstruction and sparsity figures, per latent too. */
    public static ObjectNode figures(Model m, String modelFile, EvalReport r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", modelFile);
        o.put("architecture", m.describe());
        o.put("dataset", r.dataset());
        o.put("samples", r.samples());
        o.put("latents", r.codeSize());
        number(o, "mse", r.mse());
        o.put("mse_units", m.normalizer().kind().name().toLowerCase(Locale.ROOT)); // none: the data's own units
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
        o.set("density_histogram", histogram(r.histogram()));
        ArrayNode density = o.putArray("latent_density");
        for (double d : r.density()) {
            number(density, d);
        }
        ArrayNode mean = o.putArray("latent_mean_activation");
        for (float a : r.meanActivation()) {
            number(mean, a);
        }
        return o;
    }

    /** Bin b holds the alive latents with log10(density) in [log10_edges[b], log10_edges[b+1]). */
    private static ObjectNode histogram(DensityHistogram h) {
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode edges = o.putArray("log10_edges");
        for (double e : h.edges()) {
            number(edges, e);
        }
        ArrayNode counts = o.putArray("counts");
        for (long c : h.counts()) {
            counts.add(c);
        }
        o.put("dead", h.dead());
        return o;
    }

    /** {@code v} under {@code field}, or null when it is not finite. */
    public static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }
}
