package org.sae4j.report.browse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.io.ActivationStoreWriter;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * A small activation store with known contents: WordPiece tokens of a 40-word vocabulary in documents of 5 to 80
 * tokens, each token's activation a fixed function of the token (so a language model can be faked exactly) plus
 * the document's noise; and a TopK SAE whose latent {@link #PARIS_LATENT} reads the direction the token "Paris"
 * adds, and whose last latents never fire.
 */
public final class BrowseFixtures {
    public static final int D = 8;
    public static final int WIDTH = 24;
    public static final int DEAD = 3;
    public static final int PARIS_LATENT = 5;
    public static final String MODEL = "sae4j-test-lm";
    public static final String[] WORDS = {"[PAD]", "[CLS]", "[SEP]", "the", "a", "of", "in", "Paris", "London", "Berlin",
        "city", "river", "cat", "dog", "runs", "sleeps", "and", "is", "was", "big", "small", "red", "blue", "##s",
        "##ing", "France", "bank", "money", "tree", "house", ",", ".", "I", "you", "we", "it", "on", "at", "by", "to"};
    public static final int PARIS = 7;

    private BrowseFixtures() {
    }

    /** The activation row of token {@code id}: a fixed random vector per token, "Paris" plus a strong direction. */
    public static float[] tokenVector(int id) {
        SplittableRandom r = new SplittableRandom(1000 + id);
        float[] v = new float[D];
        for (int j = 0; j < D; j++) {
            v[j] = (float) (r.nextDouble() * 2 - 1);
        }
        if (id == PARIS) {
            v[0] += 4f;
        }
        return v;
    }

    public static String tokenizerJson() {
        StringBuilder sb = new StringBuilder("{\"version\": \"1.0\", \"added_tokens\": [{\"id\": 0, \"content\": \"[PAD]\", "
                + "\"special\": true}, {\"id\": 1, \"content\": \"[CLS]\", \"special\": true}, {\"id\": 2, \"content\": "
                + "\"[SEP]\", \"special\": true}], \"model\": {\"type\": \"WordPiece\", \"vocab\": {");
        for (int i = 0; i < WORDS.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(WORDS[i]).append("\": ").append(i);
        }
        return sb.append("}}}").toString();
    }

    /** Writes the store: {@code rows} tokens in 3 shards; returns it opened. */
    public static ActivationStore store(Path dir, int rows) throws IOException {
        Path store = dir.resolve("store");
        ActivationStoreWriter w = ActivationStoreWriter.create(store, new StoreInfo(MODEL, "/layer.1/output", 1, D, "F32",
                64, "tokenizer.json", "fixture", 0, List.of()));
        Files.writeString(store.resolve("tokenizer.json"), tokenizerJson());
        SplittableRandom r = new SplittableRandom(7);
        long doc = 0;
        int pos = 0;
        int docLeft = 0;
        int perShard = (rows + 2) / 3;
        for (int from = 0; from < rows; from += perShard) {
            int n = Math.min(perShard, rows - from);
            float[] a = new float[n * D];
            int[] tokens = new int[n];
            long[] docs = new long[n];
            int[] positions = new int[n];
            for (int i = 0; i < n; i++) {
                if (docLeft == 0) {
                    doc++;
                    pos = 0;
                    docLeft = 5 + r.nextInt(76);
                }
                int t = 3 + r.nextInt(WORDS.length - 3);
                tokens[i] = t;
                docs[i] = doc;
                positions[i] = pos++;
                docLeft--;
                float[] v = tokenVector(t);
                for (int j = 0; j < D; j++) {
                    a[i * D + j] = v[j] + (float) (0.2 * (r.nextDouble() - 0.5));
                }
            }
            w.append(a, n, tokens, docs, positions, doc);
        }
        return ActivationStore.open(store);
    }

    /** A TopK SAE (k 4) whose latent PARIS_LATENT reads dimension 0 and whose last DEAD latents never fire. */
    public static SparseAutoencoder sae() {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, D).width(WIDTH).k(4).seed(3).build();
        float[] enc = sae.encoderWeight().value();
        // encoder.weight is [width, d]; latent l's pre-activation is row l · x + b_l.
        for (int j = 0; j < D; j++) {
            enc[PARIS_LATENT * D + j] = j == 0 ? 1.5f : 0f;
            for (int l = WIDTH - DEAD; l < WIDTH; l++) {
                enc[l * D + j] = 0f;
            }
        }
        float[] bias = sae.encoderBias().value();
        for (int l = WIDTH - DEAD; l < WIDTH; l++) {
            bias[l] = -100f;
        }
        return sae;
    }

    /**
     * Brute force over a dense rows × WIDTH code matrix: the latents with the largest maximum activation on rows of
     * token {@code token}, by value descending then latent ascending, the first {@code m}; {@code max} receives
     * every latent's maximum on the token.
     */
    public static int[] strongestOn(float[] codes, int[] tokens, int token, int m, float[] max) {
        java.util.Arrays.fill(max, 0f);
        for (int r = 0; r < tokens.length; r++) {
            if (tokens[r] == token) {
                for (int l = 0; l < WIDTH; l++) {
                    max[l] = Math.max(max[l], codes[r * WIDTH + l]);
                }
            }
        }
        return java.util.stream.IntStream.range(0, WIDTH).filter(l -> max[l] > 0).boxed()
                .sorted((a, b) -> max[a] != max[b] ? Float.compare(max[b], max[a]) : Integer.compare(a, b))
                .limit(m).mapToInt(Integer::intValue).toArray();
    }

    /** Brute force: the rows of latent {@code latent}'s top {@code n} examples (value descending, row ascending). */
    public static int[] topRows(float[] codes, int rows, int latent, int n) {
        return java.util.stream.IntStream.range(0, rows).filter(r -> codes[r * WIDTH + latent] > 0).boxed()
                .sorted((a, b) -> codes[a * WIDTH + latent] != codes[b * WIDTH + latent]
                        ? Float.compare(codes[b * WIDTH + latent], codes[a * WIDTH + latent]) : Integer.compare(a, b))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    public static ProfileOptions options() {
        return new ProfileOptions(20, 12, 50, 10, 5, 10, 5, 0);
    }
}
