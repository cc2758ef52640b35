package org.sae4j.data.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;

/**
 * What {@code capture.json} says of an activation store.
 *
 * @param model     the model's name (e.g. "minilm") or the ONNX file it was read from
 * @param hook      the graph tensor captured (e.g. "/encoder/layer.3/output/LayerNorm/Add_1_output_0")
 * @param layer     Hugging Face's hidden_states index of the hook (0 = embeddings), or -1 for another hook
 * @param dModel    the width of every activation row
 * @param dtype     the element type of {@code activations} ("F32", "F16" or "BF16")
 * @param context   tokens per model input window
 * @param tokenizer the tokenizer file beside it ("tokenizer.json"), or null
 * @param corpus    where the text came from
 * @param documents documents read so far (a resumed capture starts after them)
 * @param shards    the shards, in row order, with their row counts
 */
public record StoreInfo(String model, String hook, int layer, int dModel, String dtype, int context, String tokenizer,
                        String corpus, long documents, List<Shard> shards) {
    public static final String FORMAT = "sae4j-activations 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One shard file and how many rows it holds. */
    public record Shard(String file, long rows) {
    }

    public StoreInfo {
        shards = List.copyOf(shards);
    }

    /** Rows in all shards. */
    public long rows() {
        long n = 0;
        for (Shard s : shards) {
            n += s.rows();
        }
        return n;
    }

    /** This info with one more shard and the documents read up to its end. */
    public StoreInfo withShard(Shard shard, long documentsNow) {
        List<Shard> all = new ArrayList<>(shards);
        all.add(shard);
        return new StoreInfo(model, hook, layer, dModel, dtype, context, tokenizer, corpus, documentsNow, all);
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("model", model);
        o.put("hook", hook);
        o.put("layer", layer);
        o.put("d_model", dModel);
        o.put("dtype", dtype);
        o.put("context", context);
        o.put("tokenizer", tokenizer);
        o.put("corpus", corpus);
        o.put("documents", documents);
        o.put("rows", rows());
        ArrayNode a = o.putArray("shards");
        for (Shard s : shards) {
            a.addObject().put("file", s.file()).put("rows", s.rows());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@code json}, the capture.json of {@code source} (named in errors). */
    public static StoreInfo fromJson(String json, String source) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("'" + source + "' is not valid JSON; expected the capture.json that sae4j capture writes.");
        }
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new InvalidInputException("'" + source + "' has format '" + (o == null ? "" : o.path("format").asText())
                    + "'; expected '" + FORMAT + "'.");
        }
        List<Shard> shards = new ArrayList<>();
        for (JsonNode s : o.path("shards")) {
            shards.add(new Shard(s.path("file").asText(), s.path("rows").asLong()));
        }
        int dModel = o.path("d_model").asInt();
        if (dModel <= 0) {
            throw new InvalidInputException("'" + source + "' has d_model " + o.path("d_model") + "; expected a positive width.");
        }
        return new StoreInfo(o.path("model").asText(), o.path("hook").asText(), o.path("layer").asInt(-1), dModel,
                o.path("dtype").asText("F32"), o.path("context").asInt(), o.hasNonNull("tokenizer") ? o.get("tokenizer").asText() : null,
                o.path("corpus").asText(), o.path("documents").asLong(), shards);
    }
}
