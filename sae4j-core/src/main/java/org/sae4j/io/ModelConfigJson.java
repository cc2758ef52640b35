package org.sae4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sae4j.InvalidInputException;
import org.sae4j.loss.KlSparsity;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.model.ModelConfig;
import org.sae4j.nn.Activation;

/**
 * {@link ModelConfig} as JSON with snake_case field names and lower-case enum ids, written field by field
 * (not by reflection) so the file format stays stable when Java names change.
 */
public final class ModelConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelConfigJson() {
    }

    public static String toJson(ModelConfig c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("input_size", c.inputSize());
        ArrayNode enc = o.putArray("encoder_units");
        for (int u : c.encoderUnits()) {
            enc.add(u);
        }
        ArrayNode dec = o.putArray("decoder_units");
        for (int u : c.decoderUnits()) {
            dec.add(u);
        }
        o.put("hidden_activation", c.hiddenActivation().id());
        o.put("code_activation", c.codeActivation().id());
        o.put("output_activation", c.outputActivation().id());
        o.put("loss", c.loss().id());
        if (c.kl() != null) {
            o.putObject("kl").put("rho", c.kl().rho()).put("beta", c.kl().beta());
        }
        o.put("l1_activity", c.l1Activity());
        o.put("l1_weights", c.l1Weights());
        o.put("l2_weights", c.l2Weights());
        o.put("seed", c.seed());
        return o.toString();
    }

    /** Parses a config written by {@link #toJson}; {@code source} names the file in error messages. */
    public static ModelConfig fromJson(String json, String source) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The model config in '" + source + "' is not valid JSON ("
                    + e.getOriginalMessage() + ").", e);
        }
        if (o == null || !o.isObject()) {
            throw new InvalidInputException("The model config in '" + source + "' is not a JSON object.");
        }
        JsonNode kl = o.get("kl");
        return new ModelConfig(
                field(o, "input_size", source).asInt(),
                ints(field(o, "encoder_units", source), "encoder_units", source),
                ints(field(o, "decoder_units", source), "decoder_units", source),
                Activation.parse(field(o, "hidden_activation", source).asText()),
                Activation.parse(field(o, "code_activation", source).asText()),
                Activation.parse(field(o, "output_activation", source).asText()),
                ReconstructionLoss.parse(field(o, "loss", source).asText()),
                kl == null || kl.isNull() ? null
                        : new KlSparsity(field(kl, "rho", source).asDouble(), field(kl, "beta", source).asDouble()),
                o.path("l1_activity").asDouble(0),
                o.path("l1_weights").asDouble(0),
                o.path("l2_weights").asDouble(0),
                o.path("seed").asLong(0));
    }

    static JsonNode field(JsonNode o, String name, String source) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidInputException("The model config in '" + source + "' has no field '" + name + "'.");
        }
        return v;
    }

    static int[] ints(JsonNode array, String name, String source) {
        if (!array.isArray()) {
            throw new InvalidInputException("Field '" + name + "' of the model config in '" + source
                    + "' is not a list of integers.");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).canConvertToInt()) {
                throw new InvalidInputException("Field '" + name + "' of the model config in '" + source
                        + "' holds " + array.get(i) + "; expected integers.");
            }
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
