/**
 * Language models for sae4j (module sae4j-lm): {@link org.sae4j.lm.LanguageModel} finds a model's ONNX bytes and
 * tokenizer.json by name or path. Subpackages, bottom up: {@code tokenizer} and {@code text} (no model), {@code onnx}
 * (graphs and ONNX Runtime), {@code capture} (text to rows and stores), {@code source} (rows as a training stream).
 * Imports sae4j-core (never imported by it: the core reaches {@code source} only through
 * {@link org.sae4j.data.StreamProvider}).
 */
package org.sae4j.lm;
