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
import org.sae4j.eval.latents.NeuronCorrelations;
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
        NeuronCorrelations corr;
        try (Shards s = Shards.open(store.dir().toString())) {
            s.read(0, rows, x, 0);
            corr = new NeuronCorrelations(sae.latentSize(), BrowseFixtures.D);
            p = LatentProfiler.run(corr.tap(sae, s), sae.latentSize(), RowOrigins.of(store), BrowseFixtures.options());
        }
        float[] dense = sae.encode(x, rows);
        float[] dirs = Directions.decoder(sae);
        float[] embedding = new FakeLanguageModel().inputEmbedding();
        TokenLens lens = TokenLens.of(dirs, sae.latentSize(), embedding, BrowseFixtures.WORDS.length, BrowseFixtures.D, 10);
        Vocabulary vocab = Vocabulary.read(store.tokenizer());
        Path out = tmp.resolve("np");
        int batches = NeuronpediaWriter.write(p, dirs, BrowseFixtures.D, lens, vocab, corr,
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
                checkHistogram(f, dense, rows, l);
                checkLens(f, dirs, embedding, vocab, l);
                checkNeurons(f, dirs, x, dense, rows, l);
                assertEquals(10, f.get("pos_str").size());
                for (String empty : new String[] {"correlated_features_indices", "logits_hist_data_bar_heights"}) {
                    assertEquals(0, f.get(empty).size(), empty + " is not measured, so empty");
                }
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

    /** Each bar's height is the count of activations within its bin, the edges recovered from the centres. */
    static void checkHistogram(JsonNode f, float[] dense, int rows, int l) {
        JsonNode centres = f.get("freq_hist_data_bar_values");
        JsonNode heights = f.get("freq_hist_data_bar_heights");
        assertEquals(50, centres.size(), "all 50 bins");
        double w = centres.get(1).asDouble() - centres.get(0).asDouble();
        for (int b = 0; b < centres.size(); b++) {
            double lo = centres.get(b).asDouble() - w / 2;
            double hi = centres.get(b).asDouble() + w / 2;
            long c = 0;
            for (int r = 0; r < rows; r++) {
                float v = dense[r * BrowseFixtures.WIDTH + l];
                c += v > 0 && v >= lo && v < hi ? 1 : 0;
            }
            assertEquals(c, heights.get(b).asLong(), "latent " + l + " bin " + b);
        }
    }

    /** pos_/neg_: the vocabulary's pieces whose embedding row has the largest and smallest dot with the direction. */
    static void checkLens(JsonNode f, float[] dirs, float[] embedding, Vocabulary vocab, int l) {
        int d = BrowseFixtures.D;
        int n = BrowseFixtures.WORDS.length;
        double[] dot = new double[n];
        Integer[] order = new Integer[n];
        for (int t = 0; t < n; t++) {
            order[t] = t;
            for (int j = 0; j < d; j++) {
                dot[t] += (double) embedding[t * d + j] * dirs[l * d + j];
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(dot[b], dot[a]));
        for (int i = 0; i < 10; i++) {
            assertEquals(vocab.piece(order[i]), f.get("pos_str").get(i).asText(), "pos " + i + " of latent " + l);
            assertEquals(dot[order[i]], f.get("pos_values").get(i).asDouble(), 1e-5);
            assertEquals(vocab.piece(order[n - 1 - i]), f.get("neg_str").get(i).asText(), "neg " + i + " of latent " + l);
            assertEquals(dot[order[n - 1 - i]], f.get("neg_values").get(i).asDouble(), 1e-5);
        }
    }

    /** neuron_alignment_* from the decoder row and correlated_neurons_* from the raw inputs and dense codes. */
    static void checkNeurons(JsonNode f, float[] dirs, float[] x, float[] dense, int rows, int l) {
        int d = BrowseFixtures.D;
        Integer[] byWeight = new Integer[d];
        double l1 = 0;
        for (int j = 0; j < d; j++) {
            byWeight[j] = j;
            l1 += Math.abs(dirs[l * d + j]);
        }
        java.util.Arrays.sort(byWeight, (a, b) -> Float.compare(Math.abs(dirs[l * d + b]), Math.abs(dirs[l * d + a])));
        double[] pearson = new double[d];
        double[] cosine = new double[d];
        Integer[] byPearson = new Integer[d];
        for (int j = 0; j < d; j++) {
            byPearson[j] = j;
            double ma = 0;
            double mx = 0;
            for (int r = 0; r < rows; r++) {
                ma += dense[r * BrowseFixtures.WIDTH + l];
                mx += x[r * d + j];
            }
            ma /= rows;
            mx /= rows;
            double cov = 0, va = 0, vx = 0, dot = 0, na = 0, nx = 0;
            for (int r = 0; r < rows; r++) {
                double a = dense[r * BrowseFixtures.WIDTH + l];
                double v = x[r * d + j];
                cov += (a - ma) * (v - mx);
                va += (a - ma) * (a - ma);
                vx += (v - mx) * (v - mx);
                dot += a * v;
                na += a * a;
                nx += v * v;
            }
            pearson[j] = cov / Math.sqrt(va * vx);
            cosine[j] = dot / Math.sqrt(na * nx);
        }
        java.util.Arrays.sort(byPearson, (a, b) -> Double.compare(pearson[b], pearson[a]));
        for (int i = 0; i < 3; i++) {
            assertEquals(byWeight[i].intValue(), f.get("neuron_alignment_indices").get(i).asInt());
            assertEquals(dirs[l * d + byWeight[i]], (float) f.get("neuron_alignment_values").get(i).asDouble());
            assertEquals(dirs[l * d + byWeight[i]] / l1, f.get("neuron_alignment_l1").get(i).asDouble(), 1e-6);
            assertEquals(byPearson[i].intValue(), f.get("correlated_neurons_indices").get(i).asInt(), "latent " + l);
            assertEquals(pearson[byPearson[i]], f.get("correlated_neurons_pearson").get(i).asDouble(), 1e-9);
            assertEquals(cosine[byPearson[i]], f.get("correlated_neurons_l1").get(i).asDouble(), 1e-9);
        }
    }
}
