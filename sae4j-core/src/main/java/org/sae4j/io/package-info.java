/**
 * Files: safetensors, atomic writes, model files ({@link org.sae4j.io.ModelFile}), training-state files
 * ({@link org.sae4j.io.StateFile}, the file form of {@code NamedArrays}) and {@link org.sae4j.io.CheckpointFiles}, the
 * disk's {@code train.CheckpointSink}, and {@link org.sae4j.io.OutputLock}, one run per output. The format knows the models; the models never know the format. Imports
 * {@code train} (the sink only), {@code model}, {@code data}, {@code nn}, {@code loss}, {@code tensor}.
 */
package org.sae4j.io;
