/**
 * Tokenizers in pure Java, read from a model's Hugging Face {@code tokenizer.json}: BERT's WordPiece (normaliser,
 * pre-tokenizer, greedy longest match) and GPT-2-style byte-level BPE. No native code, no download. Imports the
 * core's root package and Jackson.
 */
package org.sae4j.lm.tokenizer;
