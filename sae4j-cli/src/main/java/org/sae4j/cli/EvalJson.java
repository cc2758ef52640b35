package org.sae4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.eval.DensityHistogram;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.groundtruth.GroundTruthReport;
import org.sae4j.eval.probe.ProbeReport;
import org.sae4j.model.Model;

/**
 * {@code eval --json}: the same figures as the text output, as one JSON object (non-finite values as null).
 * {@code ground_truth} is present only for synthetic data: the figures, or {@code {"skipped": why}}.
 */
final class EvalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvalJson() {
    }

    static String toJson(Model m, String modelFile, EvalReport r) {
        return toJson(m, modelFile, r, null, null);
    }

    static String toJson(Model m, String modelFile, EvalReport r, GroundTruthReport g, String skipped) {
        return toJson(m, modelFile, r, g, skipped, null);
    }

    static String toJson(Model m, String modelFile, EvalReport r, GroundTruthReport g, String skipped, ProbeReport p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", modelFile);
        o.put("architecture", m.describe());
        o.put("dataset", r.dataset());
        o.put("samples", r.samples());
        o.put("latents", r.codeSize());
        number(o, "mse", r.mse());
        o.put("mse_units", m.normalizer().kind().name().toLowerCase(java.util.Locale.ROOT)); // none: the data's own units
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
        if (g != null) {
            ObjectNode t = o.putObject("ground_truth");
            t.put("true_features", g.trueFeatures());
            t.put("alive_latents", g.aliveLatents());
            number(t, "detection_threshold", g.threshold());
            number(t, "mmcs", g.mmcs());
            number(t, "mcc", g.mcc());
            number(t, "uniqueness", g.uniqueness());
            number(t, "precision", g.precision());
            number(t, "recall", g.recall());
            number(t, "f1", g.f1());
        } else if (skipped != null) {
            o.putObject("ground_truth").put("skipped", skipped);
        }
        if (p != null) {
            o.set("probe", probe(p));
        }
        return o.toString();
    }

    /** {@code sparse} lists one entry per k: the accuracy on the top-k latents and on the top-k inputs. */
    private static ObjectNode probe(ProbeReport p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("train_rows", p.trainRows());
        o.put("test_rows", p.testRows());
        o.put("classes", p.classes());
        o.put("seed", p.seed());
        number(o, "latent_accuracy", p.latentAccuracy());
        number(o, "raw_accuracy", p.rawAccuracy());
        ArrayNode sparse = o.putArray("sparse");
        for (int i = 0; i < p.ks().length; i++) {
            ObjectNode k = sparse.addObject();
            k.put("k", p.ks()[i]);
            number(k, "latent_accuracy", p.latentSparse()[i]);
            number(k, "raw_accuracy", p.rawSparse()[i]);
        }
        ArrayNode top = o.putArray("top_latents");
        for (int l : p.topLatents()) {
            top.add(l);
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

    static void number(ObjectNode o, String field, double v) {
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
