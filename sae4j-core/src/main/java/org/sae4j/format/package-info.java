/**
 * The binary formats sae4j reads and writes, below every other package: the element types and their widening to
 * float ({@link org.sae4j.format.NumberType}, {@link org.sae4j.format.HalfFloats}), chunked decoding of a run of
 * values ({@link org.sae4j.format.BinaryValues}), the safetensors header ({@link org.sae4j.format.SafeTensorsHeader})
 * and the .npy header ({@link org.sae4j.format.NpyHeader}). Both the data readers ({@code data/}) and the model
 * files ({@code io/}) use this one layer, so a dtype, a header check or an error sentence is written once.
 *
 * <p>It may import only the root package {@code org.sae4j} (InvalidInputException, IoErrors, Memory), the JDK and
 * Jackson; nothing of sae4j above it.
 */
package org.sae4j.format;
