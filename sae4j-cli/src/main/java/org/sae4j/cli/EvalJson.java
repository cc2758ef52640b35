package org.sae4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.groundtruth.GroundTruthReport;
import org.sae4j.eval.probe.ProbeReport;
import org.sae4j.io.EvalReportJson;
import org.sae4j.model.Model;

/**
 * {@code eval --json}: the same figures as the text output, as one JSON object (non-finite values as null): core's
 * {@link EvalReportJson} figures, and what only this command has.
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
        ObjectNode o = EvalReportJson.figures(m, modelFile, r);
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

    static void number(ObjectNode o, String field, double v) {
        EvalReportJson.number(o, field, v);
    }
}
