package org.sae4j.io.interchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sae4j.data.store.Vocabulary;
import org.sae4j.eval.SparsityMetrics;
import org.sae4j.eval.latents.Example;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.NeuronCorrelations;
import org.sae4j.eval.latents.TokenLens;
import org.sae4j.io.AtomicFiles;

/**
 * Neuronpedia's upload layout, as SAEDashboard's {@code neuronpedia_dashboard.py} writes it: {@code batch-N.json}
 * files of {@code {model_id, layer, sae_set, features: [...]}}, each feature with {@code feature_index},
 * {@code frac_nonzero}, {@code freq_hist_data_bar_values}/{@code _heights} (bin centres and counts of the
 * activation histogram), {@code pos_str}/{@code pos_values} and {@code neg_str}/{@code neg_values} (the token lens),
 * {@code neuron_alignment_*} (the input dimensions the decoder writes most), {@code correlated_neurons_*} (the
 * input dimensions whose values correlate most with the latent's activation across the rows: Pearson, and
 * under {@code _l1} the cosine similarity, as SAEDashboard fills it), and {@code activations}: the top
 * examples ({@code bin_min} -1 and {@code bin_contains} -1, Neuronpedia's mark for them, {@code bin_max} the
 * maximum) then one row per example of each equal-width interval ({@code bin_min}/{@code bin_max} its edges,
 * {@code bin_contains} its share of the activations), each with {@code tokens}, {@code values} and
 * {@code qualifying_token_index}; and {@code skipped_indexes.json} listing the dead latents. Each file is written
 * atomically. Fields sae4j does not measure are empty lists, as SAEDashboard leaves them when switched off:
 * {@code correlated_features_*} (a correlation between every pair of latents needs width² sums; the decoder
 * neighbours are a different thing and are not passed off as it), the logit histograms, and
 * {@code decoder_weights_dist} (per attention head, not defined for a residual SAE).
 */
public final class NeuronpediaWriter {
    /** Features per batch file, SAEDashboard's default. */
    public static final int BATCH = 128;
    /** Input dimensions listed per feature in neuron_alignment_* and correlated_neurons_* (SAEDashboard's n_rows). */
    static final int ALIGNMENT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Names the upload carries.
     *
     * @param modelId  Neuronpedia's model id (e.g. "gpt2-small")
     * @param layer    the layer the SAE reads
     * @param saeSet   the SAE set's name on Neuronpedia
     * @param dataset  the data the examples come from
     * @param contextTokens tokens per model input (0 when unknown)
     */
    public record Meta(String modelId, int layer, String saeSet, String dataset, int contextTokens) {
    }

    private NeuronpediaWriter() {
    }

    /**
     * Writes every alive latent of {@code p} in batches, dead ones to skipped_indexes.json; {@code directions}
     * [width × d] the decoder rows, {@code lens}, {@code vocabulary} and {@code correlations} may be null.
     * Returns the batch count.
     */
    public static int write(LatentProfiles p, float[] directions, int d, TokenLens lens, Vocabulary vocabulary,
                            NeuronCorrelations correlations, Meta meta, Path out) throws IOException {
        Files.createDirectories(out);
        int batches = 0;
        ArrayNode features = JSON.createArrayNode();
        for (int l = 0; l < p.width(); l++) {
            if (p.isDead(l)) {
                continue;
            }
            features.add(feature(p, l, directions, d, lens, vocabulary, correlations, meta));
            if (features.size() == BATCH) {
                writeBatch(out, batches++, features, meta);
                features = JSON.createArrayNode();
            }
        }
        if (!features.isEmpty()) {
            writeBatch(out, batches++, features, meta);
        }
        ObjectNode skipped = JSON.createObjectNode().put("model_id", meta.modelId()).put("layer", String.valueOf(meta.layer()))
                .put("sae_set", meta.saeSet()).put("log_sparsity", Math.log10(SparsityMetrics.LOG_DENSITY_EPSILON));
        ArrayNode dead = skipped.putArray("skipped_indexes");
        for (int l : p.dead()) {
            dead.add(l);
        }
        write(out.resolve("skipped_indexes.json"), skipped);
        return batches;
    }

    private static void writeBatch(Path out, int n, ArrayNode features, Meta meta) throws IOException {
        ObjectNode batch = JSON.createObjectNode().put("model_id", meta.modelId()).put("layer", meta.layer())
                .put("sae_set", meta.saeSet());
        batch.set("features", features);
        write(out.resolve("batch-" + n + ".json"), batch);
    }

    private static void write(Path file, ObjectNode node) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(node);
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    private static ObjectNode feature(LatentProfiles p, int l, float[] directions, int d, TokenLens lens,
                                      Vocabulary vocabulary, NeuronCorrelations correlations, Meta meta) {
        ObjectNode f = JSON.createObjectNode();
        f.put("feature_index", l);
        alignment(f, directions, d, l);
        ArrayNode corrIdx = f.putArray("correlated_neurons_indices");
        ArrayNode corrCos = f.putArray("correlated_neurons_l1");
        ArrayNode corrPearson = f.putArray("correlated_neurons_pearson");
        if (correlations != null) {
            NeuronCorrelations.Top t = correlations.top(l, ALIGNMENT);
            for (int i = 0; i < t.indices().length; i++) {
                corrIdx.add(t.indices()[i]);
                corrCos.add(t.cosine()[i]);
                corrPearson.add(t.pearson()[i]);
            }
        }
        for (String empty : new String[] {"correlated_features_indices", "correlated_features_l1", "correlated_features_pearson",
            "logits_hist_data_bar_heights", "logits_hist_data_bar_values", "decoder_weights_dist"}) {
            f.putArray(empty);
        }
        ArrayNode negStr = f.putArray("neg_str");
        ArrayNode negValues = f.putArray("neg_values");
        ArrayNode posStr = f.putArray("pos_str");
        ArrayNode posValues = f.putArray("pos_values");
        if (lens != null) {
            for (int i = 0; i < lens.positiveIds(l).length; i++) {
                posStr.add(piece(vocabulary, lens.positiveIds(l)[i]));
                posValues.add(lens.positiveValues(l)[i]);
            }
            for (int i = 0; i < lens.negativeIds(l).length; i++) {
                negStr.add(piece(vocabulary, lens.negativeIds(l)[i]));
                negValues.add(lens.negativeValues(l)[i]);
            }
        }
        f.put("frac_nonzero", p.density(l));
        LatentProfiles.Histogram h = p.histogram(l);
        ArrayNode centres = f.putArray("freq_hist_data_bar_values");
        ArrayNode heights = f.putArray("freq_hist_data_bar_heights");
        for (int b = 0; b < h.counts().length; b++) {
            centres.add((h.low(b) + h.high(b)) / 2);
            heights.add(h.counts()[b]);
        }
        f.put("n_prompts_total", p.documents() != null ? p.documents().size() : p.rows());
        f.put("n_tokens_in_prompt", meta.contextTokens());
        f.put("dataset", meta.dataset());
        ArrayNode acts = f.putArray("activations");
        for (Example e : p.top(l)) {
            activation(acts, e, -1, p.max(l), -1, vocabulary);
        }
        for (LatentProfiles.Group g : p.intervals(l)) {
            for (Example e : g.examples()) {
                activation(acts, e, g.low(), g.high(), g.fraction(), vocabulary);
            }
        }
        return f;
    }

    private static void activation(ArrayNode acts, Example e, double binMin, double binMax, double contains,
                                   Vocabulary vocabulary) {
        ObjectNode a = acts.addObject();
        // As float, like the values: a value and its bin edge then compare the same way after reading back.
        a.put("bin_min", (float) binMin);
        a.put("bin_max", (float) binMax);
        a.put("bin_contains", (float) contains);
        ArrayNode tokens = a.putArray("tokens");
        ArrayNode values = a.putArray("values");
        for (int i = 0; i < e.tokens().length; i++) {
            tokens.add(e.tokens()[i] < 0 ? "row " + e.row() : piece(vocabulary, e.tokens()[i]));
            values.add(i == e.firing() ? e.value() : e.values()[i]); // the firing value exactly
        }
        a.put("qualifying_token_index", e.firing());
    }

    /** Neuronpedia shows tokens as the tokenizer's pieces; without a vocabulary, the id. */
    private static String piece(Vocabulary vocabulary, int id) {
        return vocabulary == null ? String.valueOf(id) : vocabulary.piece(id);
    }

    /** The input dimensions latent l's decoder row writes most, by |w|, with w and w / Σ|w|. */
    private static void alignment(ObjectNode f, float[] w, int d, int l) {
        Integer[] order = new Integer[d];
        double l1 = 0;
        for (int j = 0; j < d; j++) {
            order[j] = j;
            l1 += Math.abs(w[l * d + j]);
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(w[l * d + b]), Math.abs(w[l * d + a])));
        ArrayNode idx = f.putArray("neuron_alignment_indices");
        ArrayNode val = f.putArray("neuron_alignment_values");
        ArrayNode rel = f.putArray("neuron_alignment_l1");
        for (int i = 0; i < Math.min(ALIGNMENT, d); i++) {
            idx.add(order[i]);
            val.add(w[l * d + order[i]]);
            rel.add(l1 > 0 ? w[l * d + order[i]] / l1 : 0);
        }
    }

    /** The batch files an export wrote, in order. */
    public static List<Path> batches(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("batch-\\d+\\.json"))
                    .sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()
                            .replaceAll("\\D", "")))).toList();
        }
    }
}
