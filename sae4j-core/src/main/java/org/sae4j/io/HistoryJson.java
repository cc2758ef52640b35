package org.sae4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.model.EpochStats;
import org.sae4j.model.History;

/**
 * Training history as JSON for the model file. Timings are left out on purpose: they differ from run to
 * run, and the same seed must give the same file bytes. They read back as NaN.
 */
final class HistoryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryJson() {
    }

    static String toJson(History history) {
        ArrayNode array = MAPPER.createArrayNode();
        for (EpochStats s : history.epochs()) {
            ObjectNode o = array.addObject();
            o.put("epoch", s.epoch());
            o.put("loss", s.loss());
            o.put("reconstruction", s.reconstruction());
            putNumber(o, "validation", s.validation());
            o.put("l0", s.l0());
            o.put("mean_activation", s.meanActivation());
            putNumber(o, "explained_variance", s.explainedVariance());
            putNumber(o, "dead_fraction", s.deadFraction());
        }
        return array.toString();
    }

    static History fromJson(String json, String source) {
        JsonNode array;
        try {
            array = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The training history in '" + source + "' is not valid JSON ("
                    + e.getOriginalMessage() + ").", e);
        }
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("The training history in '" + source + "' is not a JSON list.");
        }
        List<EpochStats> epochs = new ArrayList<>();
        for (JsonNode o : array) {
            epochs.add(new EpochStats(o.path("epoch").asInt(), number(o, "loss"), number(o, "reconstruction"),
                    number(o, "validation"), number(o, "l0"), number(o, "mean_activation"), number(o, "explained_variance"),
                    number(o, "dead_fraction"), Double.NaN, Double.NaN));
        }
        return new History(epochs);
    }

    /** NaN and infinities are not JSON numbers: they are written as null and read back as NaN. */
    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
