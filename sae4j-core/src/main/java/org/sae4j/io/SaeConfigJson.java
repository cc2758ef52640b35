package org.sae4j.io;

import static org.sae4j.io.ModelConfigJson.field;
import static org.sae4j.io.ModelConfigJson.ints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.InvalidInputException;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeConfig;

/**
 * {@link SaeConfig} as JSON, snake_case, written field by field so the format survives Java renames. A transcoder adds
 * {@code d_out} and {@code skip} (SAELens's names); an SAE writes neither.
 */
public final class SaeConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SaeConfigJson() {
    }

    public static String toJson(SaeConfig c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("architecture", c.architecture().id());
        o.put("d_in", c.inputSize());
        o.put("d_sae", c.width());
        o.put("k", c.k());
        o.put("coefficient", c.coefficient());
        putNumberOrNull(o, "target_l0", c.targetL0());
        putNumberOrNull(o, "bandwidth", c.bandwidth());
        putNumberOrNull(o, "initial_threshold", c.initialThreshold());
        var groups = o.putArray("groups");
        for (int g : c.groups()) {
            groups.add(g);
        }
        o.put("aux_k", c.auxK());
        o.put("aux_coefficient", c.auxCoefficient());
        if (c.architecture() == Architecture.JUMPRELU) { // the other architectures keep the keys, and bytes, they had
            o.put("pre_act_coefficient", c.preActCoefficient());
        }
        o.put("apply_b_dec_to_input", c.applyBDecToInput());
        o.put("decoder_init_norm", c.decoderInitNorm());
        o.put("seed", c.seed());
        if (c.transcoder()) { // an SAE's config keeps the keys, and so the bytes, it always had
            o.put("d_out", c.targetSize());
            o.put("skip", c.skip());
        }
        return o.toString();
    }

    public static SaeConfig fromJson(String json, String source) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The SAE config in '" + source + "' is not valid JSON ("
                    + e.getOriginalMessage() + ").", e);
        }
        if (o == null || !o.isObject()) {
            throw new InvalidInputException("The SAE config in '" + source + "' is not a JSON object.");
        }
        return new SaeConfig(
                Architecture.parse(field(o, "architecture", source).asText()),
                integer(o, "d_in", source),
                integer(o, "d_sae", source),
                o.path("k").asInt(0),
                o.path("coefficient").asDouble(0),
                numberOrNaN(o, "target_l0"),
                numberOrNaN(o, "bandwidth"),
                numberOrNaN(o, "initial_threshold"),
                o.has("groups") ? ints(o.get("groups"), "groups", source) : new int[0],
                o.path("aux_k").asInt(0),
                o.path("aux_coefficient").asDouble(0),
                o.path("pre_act_coefficient").asDouble(0), // absent in files from before it: trained without
                o.path("apply_b_dec_to_input").asBoolean(true),
                o.path("decoder_init_norm").asDouble(1),
                o.path("seed").asLong(0),
                o.path("d_out").asInt(0),
                o.path("skip").asBoolean(false));
    }

    /** NaN (unset, or "auto" for jumprelu's calibrated values) is written as null: JSON has no NaN. */
    private static void putNumberOrNull(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static double numberOrNaN(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static int integer(JsonNode o, String name, String source) {
        JsonNode v = field(o, name, source);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidInputException("Field '" + name + "' of the SAE config in '" + source + "' is " + v
                    + "; expected an integer.");
        }
        return v.asInt();
    }
}
