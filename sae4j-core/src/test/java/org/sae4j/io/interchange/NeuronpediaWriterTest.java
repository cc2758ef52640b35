package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.Vocabulary;
import org.sae4j.eval.latents.DecoderNeighbours;
import org.sae4j.eval.latents.Directions;
import org.sae4j.eval.latents.LatentProfiler;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.RowOrigins;
import org.sae4j.eval.latents.TokenLens;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.browse.BrowseFixtures;
import org.sae4j.report.browse.FakeLanguageModel;

/** The Neuronpedia export read back: SAEDashboard's field names and types, and values consistent with the data. */
class NeuronpediaWriterTest {
    static final String[] LISTS = {"neuron_alignment_indices", "neuron_alignment_values", "neuron_alignment_l1",
        "correlated_neurons_indices", "correlated_neurons_l1", "correlated_neurons_pearson", "correlated_features_indices",
        "correlated_features_l1", "correlated_features_pearson", "neg_str", "neg_values", "pos_str", "pos_values",
        "freq_hist_data_bar_values", "freq_hist_data_bar_heights", "logits_hist_data_bar_heights",
        "logits_hist_data_bar_values", "decoder_weights_dist", "activations"};

    @Test
    void exportReadsBackAsNeuronpediaExpectsIt(@TempDir Path tmp) throws Exception {
        int rows = 3000;
        ActivationStore store = BrowseFixtures.store(tmp, rows);
        SparseAutoencoder sae = BrowseFixtures.sae();
        float[] x = new float[rows * BrowseFixtures.D];
        LatentProfiles p;
        try (Shards s = Shards.open(store.dir().toString())) {
            s.read(0, rows, x, 0);
            p = LatentProfiler.run(sae.encodeSparse(s), sae.latentSize(), RowOrigins.of(store), BrowseFixtures.options());
        }
        float[] dense = sae.encode(x, rows);
        float[] dirs = Directions.decoder(sae);
        TokenLens lens = TokenLens.of(dirs, sae.latentSize(), new FakeLanguageModel().inputEmbedding(),
                BrowseFixtures.WORDS.length, BrowseFixtures.D, 10);
        Vocabulary vocab = Vocabulary.read(store.tokenizer());
        Path out = tmp.resolve("np");
        int batches = NeuronpediaWriter.write(p, dirs, BrowseFixtures.D, lens, vocab,
                new NeuronpediaWriter.Meta("test-lm", 1, "fixture-sae", "fixture", 64), out);
        assertEquals(1, batches);

        ObjectMapper json = new ObjectMapper();
        List<Integer> seen = new ArrayList<>();
        for (Path batch : NeuronpediaWriter.batches(out)) {
            JsonNode b = json.readTree(Files.readString(batch));
            assertTrue(b.get("model_id").isTextual() && b.get("layer").isInt() && b.get("sae_set").isTextual());
            for (JsonNode f : b.get("features")) {
                int l = f.get("feature_index").asInt();
                seen.add(l);
                for (String list : LISTS) {
                    assertTrue(f.get(list).isArray(), list + " is a list");
                }
                assertTrue(f.get("n_prompts_total").isIntegralNumber() && f.get("n_tokens_in_prompt").isInt()
                        && f.get("dataset").isTextual());
                long fires = 0;
                float max = 0;
                for (int r = 0; r < rows; r++) {
                    float v = dense[r * BrowseFixtures.WIDTH + l];
                    fires += v > 0 ? 1 : 0;
                    max = Math.max(max, v);
                }
                assertEquals((double) fires / rows, f.get("frac_nonzero").asDouble(), 1e-15);
                long total = 0;
                double lastCentre = -1;
                for (int i = 0; i < f.get("freq_hist_data_bar_heights").size(); i++) {
                    total += f.get("freq_hist_data_bar_heights").get(i).asLong();
                    double c = f.get("freq_hist_data_bar_values").get(i).asDouble();
                    assertTrue(c > lastCentre, "bin centres ascend");
                    lastCentre = c;
                }
                assertEquals(fires, total, "the histogram holds every activation of latent " + l);
                assertEquals(10, f.get("pos_str").size());
                assertTrue(f.get("pos_str").get(0).isTextual() && f.get("pos_values").get(0).isNumber());
                assertTrue(f.get("pos_values").get(0).asDouble() >= f.get("pos_values").get(9).asDouble());
                assertTrue(f.get("neg_values").get(0).asDouble() <= f.get("neg_values").get(9).asDouble());

                double lastTop = Double.POSITIVE_INFINITY;
                int tops = 0;
                for (JsonNode a : f.get("activations")) {
                    assertTrue(a.get("bin_min").isNumber() && a.get("bin_max").isNumber() && a.get("bin_contains").isNumber());
                    assertEquals(a.get("tokens").size(), a.get("values").size());
                    a.get("tokens").forEach(t -> assertTrue(t.isTextual()));
                    a.get("values").forEach(v -> assertTrue(v.isNumber()));
                    int q = a.get("qualifying_token_index").asInt();
                    double v = a.get("values").get(q).asDouble();
                    assertTrue(v >= a.get("bin_min").asDouble() && v <= a.get("bin_max").asDouble(),
                            v + " within [" + a.get("bin_min") + ", " + a.get("bin_max") + "]");
                    if (a.get("bin_min").asDouble() == -1) {
                        assertTrue(v <= lastTop, "top activations' maxima are sorted");
                        lastTop = v;
                        tops++;
                        if (tops == 1) {
                            assertEquals(max, (float) v, "the first top activation is the latent's maximum");
                        }
                    } else {
                        double c = a.get("bin_contains").asDouble();
                        assertTrue(c > 0 && c <= 1);
                    }
                }
                assertEquals(Math.min(20, fires), tops);
            }
        }
        JsonNode skipped = json.readTree(Files.readString(out.resolve("skipped_indexes.json")));
        List<Integer> dead = new ArrayList<>();
        skipped.get("skipped_indexes").forEach(n -> dead.add(n.asInt()));
        assertEquals(List.of(21, 22, 23), dead);
        assertEquals(BrowseFixtures.WIDTH - 3, seen.size());
        assertTrue(skipped.get("layer").isTextual() && skipped.get("model_id").isTextual());
    }
}
