/**
 * Rows in: {@link org.sae4j.data.Dataset} in memory, {@link org.sae4j.data.BatchSource} streams whose position is
 * plain numbers (shards, shuffle buffer, read-ahead by {@link org.sae4j.data.Prefetcher}) and whose rows, when they are
 * tokens, carry their {@link org.sae4j.data.Origins} (document, position, token), readers of IDX, CSV,
 * NPY and safetensors, input scaling, and the one hold-out split. Imports the root package, {@code tensor} and
 * its own {@code synthetic}.
 */
package org.sae4j.data;
