/**
 * The command line (module sae4j-cli): picocli commands, flags, presets, config files, progress output and the
 * one-sentence error text. The top of the house: it may import every package of sae4j-core, and nothing imports it.
 */
package org.sae4j.cli;
