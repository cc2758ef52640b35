package org.sae4j.lm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.lm.Fixtures.userError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.MiniLm;
import org.sae4j.lm.capture.Capturer;

/** The hand-written protobuf reader on MiniLM's graph: names, hooks, the pruned rewrite, and files that are not models. */
class OnnxGraphTest {
    private static OnnxGraph g;

    @BeforeAll
    static void parse() {
        g = OnnxGraph.parse(MiniLm.model().onnx());
    }

    @Test
    void readsTheGraphAndItsResidualStreamNames() {
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), g.inputs());
        assertEquals(List.of("last_hidden_state"), g.outputs());
        assertEquals(6, Hooks.blocks(g));
        assertEquals("/embeddings/LayerNorm/Add_1_output_0", Hooks.layer(g, "minilm", 0));
        assertEquals("/encoder/layer.2/output/LayerNorm/Add_1_output_0", Hooks.layer(g, "minilm", 3));
        // the last block's output LayerNorm is the graph output itself
        assertEquals("last_hidden_state", Hooks.layer(g, "minilm", 6));
        assertEquals("Add", g.producer("last_hidden_state").opType());
        assertTrue(g.producer("last_hidden_state").inputs().stream().anyMatch(i -> i.contains("layer.5/output/LayerNorm")));
        assertEquals(30522, g.initializers().get("embeddings.word_embeddings.weight").dims()[0]);
    }

    @Test
    void pruningKeepsOnlyTheBackwardCone() {
        String l3 = Hooks.layer(g, "minilm", 3);
        OnnxGraph pruned = OnnxGraph.parse(g.expose(List.of(l3), true));
        assertEquals(List.of(l3), pruned.outputs());
        assertTrue(pruned.nodes().size() < g.nodes().size() * 0.6, pruned.nodes().size() + " of " + g.nodes().size());
        assertTrue(pruned.nodes().stream().noneMatch(n -> n.outputs().get(0).startsWith("/encoder/layer.3/")));
        assertTrue(pruned.initializers().size() < g.initializers().size());
        assertEquals(g.inputs(), pruned.inputs());
        OnnxGraph appended = OnnxGraph.parse(g.expose(List.of(l3), false));
        assertEquals(List.of("last_hidden_state", l3), appended.outputs());
        assertEquals(g.nodes().size(), appended.nodes().size());
    }

    @Test
    void filesThatAreNotModelsAreOneSentence(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("model.onnx");
        Files.writeString(text, "this is not a protobuf message, just some text\n");
        Files.copy(dir.resolve("model.onnx"), dir.resolve("copy.onnx"));
        Files.write(dir.resolve("tokenizer.json"), MiniLm.model().tokenizer());
        LanguageModel notOnnx = LanguageModel.load(text.toString(), null);
        userError(() -> new Capturer(notOnnx, List.of(1), List.of(), MiniLm.settings()), "model.onnx", "is not an ONNX model");
        userError(() -> LanguageModel.load(dir.resolve("none.onnx").toString(), null), "none.onnx", "neither a file nor a known name");
        Files.delete(dir.resolve("tokenizer.json"));
        userError(() -> LanguageModel.load(text.toString(), null), "No tokenizer file", "--tokenizer FILE");
        // a valid model that is not a BERT: MiniLM's graph cut to the embeddings' first node
        byte[] tiny = OnnxGraph.parse(MiniLm.model().onnx()).expose(List.of("/embeddings/Shape_output_0"), true);
        LanguageModel shapeOnly = new LanguageModel("tiny.onnx", "tiny.onnx", tiny, "tokenizer.json", MiniLm.model().tokenizer());
        userError(() -> new Capturer(shapeOnly, List.of(1), List.of(), MiniLm.settings()),
                "names its tensors neither as a BERT export", "--hook NAME");
    }

    @Test
    void aTokenizerOfAnotherModelIsRefused() throws Exception {
        byte[] bpe;
        try (var in = OnnxGraphTest.class.getResourceAsStream("/org/sae4j/lm/tiny-bpe-tokenizer.json")) {
            bpe = in.readAllBytes();
        }
        LanguageModel wrong = new LanguageModel("minilm", "all-minilm-l6-v2.onnx", MiniLm.model().onnx(), "tiny-bpe.json", bpe);
        userError(() -> new Capturer(wrong, List.of(1), List.of(), MiniLm.settings()), "Tokenizer 'tiny-bpe.json' has 263 tokens",
                "embeds 30,522", "belongs to the model");
        assertFalse(g.externalData());
    }
}
