/**
 * The feature browser: a static site (index, a page per latent, a page per document, plain CSS and JavaScript,
 * no network) written from {@code eval.latents}'s one pass, and its local server ({@code --serve}), which adds
 * "try your own text" when a {@link org.sae4j.data.store.StoreModel} can run the store's model. Imports
 * {@code report}, {@code eval}, {@code eval.latents}, {@code io}, {@code model}, {@code data}, {@code data.store},
 * {@code tensor}.
 */
package org.sae4j.report.browse;
