package org.sae4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.sae4j.InvalidInputException;

/**
 * The special tokens a {@code tokenizer.json}'s post-processor puts around a single sequence: TemplateProcessing's
 * {@code single} template, BertProcessing and RobertaProcessing (cls before, sep after), ByteLevel (none), or a
 * Sequence of them.
 */
final class PostProcessor {
    private PostProcessor() {
    }

    /** {before, after}: the ids around every model input. */
    static int[][] around(String name, JsonNode p, Map<String, Integer> added) {
        IdList before = new IdList();
        IdList after = new IdList();
        collect(name, p, added, before, after);
        return new int[][] {before.toArray(), after.toArray()};
    }

    private static void collect(String name, JsonNode p, Map<String, Integer> added, IdList before, IdList after) {
        if (p.isMissingNode() || p.isNull()) {
            return;
        }
        switch (p.path("type").asText()) {
            case "TemplateProcessing" -> {
                boolean seen = false;
                for (JsonNode piece : p.path("single")) {
                    if (piece.has("Sequence")) {
                        seen = true;
                    } else if (piece.has("SpecialToken")) {
                        String id = piece.path("SpecialToken").path("id").asText();
                        JsonNode ids = p.path("special_tokens").path(id).path("ids");
                        if (!ids.isArray() || ids.isEmpty()) {
                            throw new InvalidInputException("Tokenizer '" + name + "' uses special token '" + id
                                    + "' in its template but post_processor.special_tokens has no ids for it; expected both.");
                        }
                        for (JsonNode i : ids) {
                            (seen ? after : before).add(i.asInt());
                        }
                    }
                }
            }
            case "BertProcessing", "RobertaProcessing" -> {
                before.add(p.path("cls").path(1).asInt());
                after.add(p.path("sep").path(1).asInt());
            }
            case "ByteLevel" -> {
            }
            case "Sequence" -> {
                for (JsonNode q : p.path("processors")) {
                    collect(name, q, added, before, after);
                }
            }
            default -> throw new InvalidInputException("Tokenizer '" + name + "' has post_processor.type '"
                    + p.path("type").asText() + "'; expected TemplateProcessing, BertProcessing, RobertaProcessing or ByteLevel.");
        }
    }
}
