/**
 * What a person looks at: the self-contained HTML reports, tile images, charts (XChart), latent scans; the SAE
 * report's feature cards link into the feature browser ({@code report.browse}), which it writes beside itself.
 * Imports {@code report.browse}, {@code io}, {@code eval}, {@code model}, {@code data}, {@code tensor}.
 */
package org.sae4j.report;
