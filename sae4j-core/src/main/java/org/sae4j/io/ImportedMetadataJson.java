package org.sae4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.InvalidInputException;

/** An imported SAE's metadata as JSON in the model file (metadata key {@code imported_metadata}), in key order. */
final class ImportedMetadataJson {
    // Python's json writes NaN bare, and SAELens metadata comes from Python.
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private ImportedMetadataJson() {
    }

    static String toJson(Map<String, Object> metadata) {
        try {
            return MAPPER.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata of plain JSON values expected", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fromJson(String json, String source) {
        try {
            JsonNode o = MAPPER.readTree(json);
            if (o == null || !o.isObject()) {
                throw new InvalidInputException("The imported metadata in '" + source + "' is not a JSON object; "
                        + "expected the metadata of the SAE it was imported from.");
            }
            return new LinkedHashMap<>(MAPPER.convertValue(o, Map.class));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The imported metadata in '" + source + "' is not valid JSON ("
                    + e.getOriginalMessage() + ").", e);
        }
    }
}
