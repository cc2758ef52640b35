package org.sae4j.report.browse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.data.RowReader;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreModel;
import org.sae4j.data.store.Vocabulary;
import org.sae4j.eval.latents.DecoderNeighbours;
import org.sae4j.eval.latents.Directions;
import org.sae4j.eval.latents.LatentProfiler;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.NeuronCorrelations;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.eval.latents.RowOrigins;
import org.sae4j.eval.latents.TokenLens;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.TileImage;

/**
 * Measures what the browser shows: the one pass over the rows (sparse codes, a chunk at a time), then the decoder
 * neighbours and the token lens from the weights. The lens uses {@code --unembed}'s matrix when given, else the
 * input embedding of the store's model when a {@link StoreModel} implementation can open it, else none.
 */
public final class Browser {
    /** Neighbours and lens tokens per latent. */
    public static final int NEIGHBOURS = 10;
    public static final int LENS_TOKENS = 10;

    /**
     * A vocabulary × d_model matrix for the lens and where it came from.
     *
     * @param rows   [vocab × d_model] row-major
     * @param vocab  tokens
     * @param source said on the page, e.g. "W_U.npy"
     */
    public record LensMatrix(float[] rows, int vocab, String source) {
    }

    private Browser() {
    }

    /**
     * Scans {@code raw} (all its rows, raw activations) with {@code sae}; {@code store} is the activation store
     * they come from, or null for a plain source; {@code lens} an explicit matrix or null.
     */
    public static BrowseData measure(SparseAutoencoder sae, RowReader raw, ActivationStore store, LensMatrix lens,
                                     ProfileOptions options, String title, String dataName) {
        return measure(sae, raw, store, lens, options, title, dataName, null);
    }

    /** As above, also filling {@code correlations} (when not null) from the same pass over the rows. */
    public static BrowseData measure(SparseAutoencoder sae, RowReader raw, ActivationStore store, LensMatrix lens,
                                     ProfileOptions options, String title, String dataName,
                                     NeuronCorrelations correlations) {
        RowOrigins origins = store != null ? RowOrigins.of(store) : RowOrigins.rowsAlone();
        LatentProfiles profiles = LatentProfiler.run(correlations == null ? sae.encodeSparse(raw)
                : correlations.tap(sae, raw), sae.latentSize(), origins, options);
        return assemble(sae, profiles, store, lens, title, dataName, RowAccess.of(raw), origins);
    }

    /**
     * What the site shows of {@code profiles}, measured elsewhere (a cluster's merged partitions): adds the decoder
     * neighbours, the token lens and the vocabulary. {@code rows} reads the raw rows (document pages, image tiles).
     */
    public static BrowseData assemble(SparseAutoencoder sae, LatentProfiles profiles, ActivationStore store,
                                      LensMatrix lens, String title, String dataName, RowAccess rows,
                                      RowOrigins origins) {
        float[] directions = Directions.decoder(sae);
        int d = sae.inputSize();
        int out = sae.outputSize(); // the decoder's space: a transcoder's target, which its lens reads
        DecoderNeighbours neighbours = DecoderNeighbours.of(directions, sae.latentSize(), out, NEIGHBOURS);
        Vocabulary vocabulary = null;
        if (store != null && store.tokenizer() != null && Files.isRegularFile(store.tokenizer())) {
            vocabulary = Vocabulary.read(store.tokenizer());
        }
        if (lens == null && store != null) {
            lens = StoreModel.find(store.dir(), store.info()).map(m -> {
                try (m) {
                    float[] e = m.inputEmbedding();
                    return e == null || e.length % out != 0 ? null
                            : new LensMatrix(e, e.length / out, "the input embedding of " + store.info().model());
                }
            }).orElse(null);
        }
        TokenLens tokenLens = lens == null ? null
                : TokenLens.of(directions, sae.latentSize(), lens.rows(), lens.vocab(), out, LENS_TOKENS);
        boolean images = store == null && TileImage.isSquare(d) && d >= 16;
        return new BrowseData(title, dataName, sae, profiles, neighbours, tokenLens, lens == null ? null : lens.source(),
                vocabulary, store == null ? null : store.info(), rows, images, origins);
    }

    /** The store at {@code path}, or null when it is not one. */
    public static ActivationStore storeAt(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        Path p = Path.of(path);
        return ActivationStore.isStore(p) ? ActivationStore.open(p) : null;
    }
}
