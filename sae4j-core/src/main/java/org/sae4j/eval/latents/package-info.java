/**
 * What each latent does on some data, for the feature browser and the Neuronpedia export: one streaming pass
 * over sparse codes ({@link org.sae4j.eval.latents.LatentProfiler}) keeping, in memory bounded by latents ×
 * examples × window, density, maximum, mean when active, a histogram, the top examples with the tokens around
 * them, and example groups across the range (equal-width intervals and equal-count quantiles); and the latents'
 * decoder neighbours and token lens from the weights; for the Neuronpedia export, the latents' correlations with
 * the input dimensions in the same pass. Imports {@code eval}, {@code model} (to encode the rows it taps),
 * {@code data}, {@code data.store}, {@code format}, {@code tensor} and the root package.
 */
package org.sae4j.eval.latents;
