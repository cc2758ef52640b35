/**
 * Other tools' SAE files (SAELens, sparsify, Gemma Scope) in and out, through one neutral form,
 * {@link org.sae4j.io.interchange.ExternalSae}. Imports {@code io}, {@code model.sae}, {@code data}, {@code nn}.
 */
package org.sae4j.io.interchange;
