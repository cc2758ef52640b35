/**
 * Text to activation rows: windows of a document's tokens, length-sorted padded batches through the hooked model,
 * special tokens and norm outliers dropped, and stores written shard by shard with resume. Imports {@code lm},
 * {@code lm.tokenizer}, {@code lm.text}, {@code lm.onnx} and the core's {@code data.store}, {@code io} and root.
 */
package org.sae4j.lm.capture;
