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
            double[] v = s.toArray();
            for (int i = 0; i < v.length; i++) {
                String field = EpochStats.FIELDS.get(i);
                if (i == 0) {
                    o.put(field, (int) v[i]);
                } else if (!EpochStats.TIMINGS.contains(field)) {
                    EvalReportJson.number(o, field, v[i]); // NaN is written as null and read back as NaN
                }
            }
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
            double[] v = new double[EpochStats.FIELDS.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = i == 0 ? o.path(EpochStats.FIELDS.get(0)).asInt() : number(o, EpochStats.FIELDS.get(i));
            }
            epochs.add(EpochStats.fromArray(v, 0));
        }
        return new History(epochs);
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
