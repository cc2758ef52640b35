package org.sae4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.InvalidInputException;
import org.sae4j.model.SparsityControl;

/** The sparsity controller's end state as JSON in the model file (metadata key {@code sparsity_control}). */
final class SparsityControlJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SparsityControlJson() {
    }

    static String toJson(SparsityControl c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("measure", c.measure());
        o.put("target", c.target());
        o.put("reached", c.reached());
        o.put("multiplier", c.multiplier());
        o.put("saturated", c.saturated());
        return o.toString();
    }

    static SparsityControl fromJson(String json, String source) {
        try {
            JsonNode o = MAPPER.readTree(json);
            double multiplier = o.path("multiplier").asDouble(Double.NaN);
            if (!o.path("measure").isTextual() || !(multiplier > 0) || Double.isInfinite(multiplier)) {
                throw new InvalidInputException("The sparsity control state in '" + source
                        + "' lacks a measure or a positive multiplier.");
            }
            return new SparsityControl(o.get("measure").asText(), o.path("target").asDouble(Double.NaN),
                    o.path("reached").asDouble(Double.NaN), multiplier, o.path("saturated").asBoolean(false));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The sparsity control state in '" + source + "' is not valid JSON ("
                    + e.getOriginalMessage() + ").", e);
        }
    }
}
