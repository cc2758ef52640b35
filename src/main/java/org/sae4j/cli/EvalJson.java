package org.sae4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.eval.EvalReport;
import org.sae4j.model.Model;

/** {@code eval --json}: the same figures as the text output, as one JSON object (non-finite values as null). */
final class EvalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvalJson() {
    }

    static String toJson(Model m, String modelFile, EvalReport r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", modelFile);
        o.put("architecture", m.describe());
        o.put("dataset", r.dataset());
        o.put("samples", r.samples());
        o.put("latents", r.codeSize());
        number(o, "mse", r.mse());
        number(o, "fvu", r.fvu());
        number(o, "explained_variance", 1 - r.fvu());
        number(o, "l0", r.l0());
        number(o, "dead_fraction", r.deadFraction());
        number(o, "mean_activation", r.overallMeanActivation());
        number(o, "active_threshold", r.threshold());
        return o.toString();
    }

    static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
