/**
 * The activation store: a language model's per-token activations with their provenance, the one format that
 * capture writes and training, eval, encode and the browser read. A folder holds {@code capture.json}
 * ({@link org.sae4j.data.store.StoreInfo}), a copy of the model's {@code tokenizer.json}, and safetensors shards
 * {@code shard-00000.safetensors}, ..., each holding rows of {@code activations} [rows, d_model] (F32, F16 or
 * BF16), {@code token_ids} I32 [rows], {@code doc_ids} I64 [rows] and {@code positions} I32 [rows] (the index in
 * the model's input sequence). {@link org.sae4j.data.store.Vocabulary} reads the tokenizer's token strings for
 * display; {@link org.sae4j.data.store.StoreModel} is the seam through which a language-model module (sae4j-lm)
 * gives the browser the store's model (its input embedding, "try your own text") without the core depending on
 * it. Imports {@code data}, {@code format} and the root package.
 */
package org.sae4j.data.store;
