package org.sae4j.report;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.sae4j.model.Autoencoder;

/**
 * The first samples next to their reconstructions, so a reader sees at a glance what the model keeps and
 * what it blurs away. Square inputs (images) give two grid rows, inputs above reconstructions; strips (other
 * widths) give two grid columns, input left, reconstruction right, one sample per row.
 */
public final class ReconstructionImages {
    private ReconstructionImages() {
    }

    /**
     * The picture's vectors, in normalised units, in drawing order, and the grid columns to draw them with.
     *
     * @param rescaled true when the normalised inputs left [0, 1] (standardised or unscaled data), so each
     *                 input/reconstruction pair was mapped by the input's own min..max to show on a gray scale
     */
    public record Pairs(float[][] vectors, int columns, int samples, boolean rescaled) {
    }

    /** Inputs and reconstructions of the first {@code samples} of {@code rows} normalised rows {@code x}. */
    public static Pairs pairs(Autoencoder model, float[] x, int rows, int samples) {
        int in = model.config().inputSize();
        int n = Math.min(samples, rows);
        if (n <= 0) {
            throw new IllegalArgumentException("no samples to draw");
        }
        float[] head = Arrays.copyOf(x, n * in);
        float[] out = model.reconstruct(head, n);
        boolean rescale = false;
        for (float v : head) {
            rescale |= v < -1e-4f || v > 1 + 1e-4f;
        }
        float[][] inputs = new float[n][];
        float[][] recons = new float[n][];
        for (int s = 0; s < n; s++) {
            inputs[s] = Arrays.copyOfRange(head, s * in, (s + 1) * in);
            recons[s] = Arrays.copyOfRange(out, s * in, (s + 1) * in);
            if (rescale) {
                rescalePair(inputs[s], recons[s]);
            }
        }
        float[][] vectors = new float[2 * n][];
        boolean square = TileImage.isSquare(in);
        for (int s = 0; s < n; s++) {
            if (square) {
                vectors[s] = inputs[s];
                vectors[n + s] = recons[s];
            } else {
                vectors[2 * s] = inputs[s];
                vectors[2 * s + 1] = recons[s];
            }
        }
        return new Pairs(vectors, square ? n : 2, n, rescale);
    }

    /** The picture itself, gray 0..1 (black..white, clamped), each pixel {@code scale}×{@code scale}. */
    public static BufferedImage render(Pairs pairs, int scale) {
        return TileImage.render(pairs.vectors(), pairs.columns(), TileImage.Mode.UNIT, scale);
    }

    // One affine map for input and reconstruction, so they stay comparable with each other.
    private static void rescalePair(float[] input, float[] recon) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : input) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1f;
        for (int i = 0; i < input.length; i++) {
            input[i] = (input[i] - min) / range;
            recon[i] = (recon[i] - min) / range;
        }
    }
}
