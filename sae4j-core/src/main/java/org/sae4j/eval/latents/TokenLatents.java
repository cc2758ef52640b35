package org.sae4j.eval.latents;

import java.util.Arrays;

/**
 * For every vocabulary token, the {@code m} latents with the largest maximum activation on it over all the rows
 * of the pass (not only over the latents' top examples): what the browser's search "which latents fire most on
 * {@code Paris}" reads. Memory is tokens × m entries, never rows: the arrays grow to the largest token id seen.
 *
 * <p>Each token keeps at most m (latent, value) entries, the value being the latent's largest activation on the
 * token so far, ranked by value descending then latent id ascending (a total order, so ties are deterministic).
 * A new activation either raises its latent's entry, or, if the latent has none, replaces the lowest-ranked
 * entry when it ranks above it. The result equals ranking every latent by its true maximum on the token and taking
 * the first m: a latent of the true top m is never outranked by m others, so once its maximum arrives it enters
 * and is never pushed out; an entry's value only grows to its latent's true maximum.
 *
 * <p>Two keepers over different rows {@link #merge} into the keeper of all the rows, in any order: offering the
 * other's entries is offering, per kept latent, its maximum over the other's rows; a latent of the union's top m
 * is in the top m of the part holding its maximum, so its maximum is offered, and no other latent is offered more
 * than its true maximum. The same argument as for one pass then gives the union's top m.
 */
public final class TokenLatents implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Latents kept per token by the browser. */
    public static final int PER_TOKEN = 20;

    private final int m;
    private int[] latents = new int[0];
    private float[] values = new float[0];
    private int[] sizes = new int[0];
    /** Per token, the index (0..m-1) of its lowest-ranked entry, valid when the token's list is full. */
    private int[] lowest = new int[0];
    private int tokens;

    public TokenLatents(int m) {
        if (m <= 0) {
            throw new IllegalArgumentException("m " + m);
        }
        this.m = m;
    }

    /** Latents kept per token. */
    public int perToken() {
        return m;
    }

    /** One more than the largest token id offered: the tokens to ask about. */
    public int tokens() {
        return tokens;
    }

    /** Offers activation {@code v} (> 0) of {@code latent} on a row of token {@code token} (≥ 0). */
    public void offer(int token, int latent, float v) {
        if (token >= tokens) {
            if (token >= sizes.length) {
                grow(token + 1);
            }
            tokens = token + 1;
        }
        int base = token * m;
        int size = sizes[token];
        if (size == m) {
            int low = base + lowest[token];
            if (!above(v, latent, values[low], latents[low])) {
                return; // ranks below the lowest kept: neither a new entry nor a raise of a kept one
            }
        }
        for (int i = base; i < base + size; i++) {
            if (latents[i] == latent) {
                if (v > values[i]) {
                    values[i] = v;
                    if (size == m && i - base == lowest[token]) {
                        findLowest(token);
                    }
                }
                return;
            }
        }
        if (size < m) {
            latents[base + size] = latent;
            values[base + size] = v;
            sizes[token] = size + 1;
            if (size + 1 == m) {
                findLowest(token);
            }
            return;
        }
        int low = base + lowest[token];
        latents[low] = latent;
        values[low] = v;
        findLowest(token);
    }

    /** Adds {@code other}'s entries (the same m, other rows) to these. */
    public void merge(TokenLatents other) {
        if (other.m != m) {
            throw new IllegalArgumentException(other.m + " latents per token merged into " + m);
        }
        for (int token = 0; token < other.tokens; token++) {
            for (int i = token * m; i < token * m + other.sizes[token]; i++) {
                offer(token, other.latents[i], other.values[i]);
            }
        }
    }

    /** Whether (v, a) ranks above (w, b): a larger value, or the same value and a smaller latent id. */
    private static boolean above(float v, int a, float w, int b) {
        return v > w || (v == w && a < b);
    }

    private void findLowest(int token) {
        int base = token * m;
        int low = 0;
        for (int i = 1; i < m; i++) {
            if (above(values[base + low], latents[base + low], values[base + i], latents[base + i])) {
                low = i;
            }
        }
        lowest[token] = low;
    }

    private void grow(int tokens) {
        int n = Math.max(tokens, Math.min(Integer.MAX_VALUE / m, sizes.length * 2));
        latents = Arrays.copyOf(latents, Math.multiplyExact(n, m));
        values = Arrays.copyOf(values, n * m);
        sizes = Arrays.copyOf(sizes, n);
        lowest = Arrays.copyOf(lowest, n);
    }

    /** The latents kept for {@code token}, highest-ranked first (empty for a token never seen firing). */
    public int[] latents(int token) {
        Integer[] order = order(token);
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = latents[order[i]];
        }
        return out;
    }

    /** Their maximum activations on the token, in the same order. */
    public float[] values(int token) {
        Integer[] order = order(token);
        float[] out = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    private Integer[] order(int token) {
        if (token < 0 || token >= tokens) {
            return new Integer[0];
        }
        Integer[] order = new Integer[sizes[token]];
        for (int i = 0; i < order.length; i++) {
            order[i] = token * m + i;
        }
        Arrays.sort(order, (a, b) -> above(values[a], latents[a], values[b], latents[b]) ? -1
                : above(values[b], latents[b], values[a], latents[a]) ? 1 : 0);
        return order;
    }

    /** Bytes held for {@code tokens} token ids. */
    public long bytes() {
        return (long) sizes.length * (m * 8L + 8);
    }
}
