/**
 * What a person looks at: the self-contained HTML reports, tile images, charts (XChart), latent scans with
 * streaming bounded top activations. Imports {@code io}, {@code eval}, {@code model}, {@code data}, {@code tensor}.
 */
package org.sae4j.report;
