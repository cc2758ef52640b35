package org.sae4j.report.browse;

import org.sae4j.data.store.StoreInfo;
import org.sae4j.data.store.Vocabulary;
import org.sae4j.eval.latents.DecoderNeighbours;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.RowOrigins;
import org.sae4j.eval.latents.TokenLens;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * Everything a site shows, measured before a page is written.
 *
 * @param title      the page title (the model file's name)
 * @param dataName   what the latents were measured on
 * @param model      the SAE
 * @param profiles   the pass over the data
 * @param neighbours decoder neighbours of every latent
 * @param lens       the token lens, or null without an embedding matrix
 * @param lensSource where the lens's matrix came from ("--unembed W_U.npy", "the model's input embedding")
 * @param vocabulary token strings, or null when rows are not tokens
 * @param store      the store's capture.json, or null for plain sources
 * @param rows       the raw rows (for image tiles and document pages), or null
 * @param images     true when rows are square images (drawn as tiles)
 * @param origins    the documents and tokens of the rows
 * @param documentPages the documents that get a page, filled by the site as it picks them
 */
public record BrowseData(String title, String dataName, SparseAutoencoder model, LatentProfiles profiles,
                         DecoderNeighbours neighbours, TokenLens lens, String lensSource, Vocabulary vocabulary,
                         StoreInfo store, RowAccess rows, boolean images, RowOrigins origins,
                         DocumentChoice documentPages) {

    public BrowseData(String title, String dataName, SparseAutoencoder model, LatentProfiles profiles,
                      DecoderNeighbours neighbours, TokenLens lens, String lensSource, Vocabulary vocabulary,
                      StoreInfo store, RowAccess rows, boolean images, RowOrigins origins) {
        this(title, dataName, model, profiles, neighbours, lens, lensSource, vocabulary, store, rows, images, origins,
                new DocumentChoice());
    }

    /** True when the rows are tokens of documents (an activation store). */
    public boolean tokens() {
        return profiles.documents() != null;
    }

    /** The display text of token {@code id}: the vocabulary's, or its id when there is none. */
    public String tokenText(int id) {
        if (id < 0) {
            return "";
        }
        return vocabulary != null ? vocabulary.text(id) : " #" + id;
    }
}
