package org.sae4j.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sae4j.io.AtomicFiles;

/**
 * Draws vectors as a grid of small grayscale pictures, the usual way to look at autoencoder weights and
 * images. Plain {@link BufferedImage} and {@link ImageIO}, both in the JDK, so no imaging library is needed;
 * nothing here opens a window, so it runs headless.
 *
 * <p>A vector of length H·W with H = W = √length is drawn as an H×W tile (row-major, like an MNIST image);
 * any other length is drawn as a 1-pixel-high strip, so CSV data of any width still gives a picture. Tiles
 * are separated (and, where the last grid row is short, padded) by {@link #SEPARATOR}, a colour no gray
 * value can take, so tile borders stay visible whatever the tiles hold. Each pixel is enlarged to a
 * {@code scale}×{@code scale} block because 28×28 tiles are too small to read on a modern screen.
 */
public final class TileImage {
    /** Separator and padding colour (dark blue): distinct from every gray level. */
    public static final int SEPARATOR = 0x203060;

    /** How values become gray levels. */
    public enum Mode {
        /**
         * For weights and differences: each tile scaled on its own by its largest |v|, 0 is mid-gray (128),
         * +max|v| white and −max|v| black. A tile of zeros is flat mid-gray.
         */
        SIGNED,
        /** For images in [0, 1]: 0 black, 1 white, values outside clamped; the same scale for every tile. */
        UNIT,
        /**
         * For directions whose sign matters (SAE decoder rows): scaled per tile like SIGNED, but 0 is white,
         * +max|v| red and −max|v| blue, so the eye separates "adds" from "removes" without reading gray levels.
         */
        DIVERGING
    }

    /** Colour of +max|v| in DIVERGING mode (red). */
    public static final int POSITIVE = 0xB2182B;
    /** Colour of −max|v| in DIVERGING mode (blue). */
    public static final int NEGATIVE = 0x2166AC;

    private TileImage() {
    }

    /** Tile height and width for vectors of {@code length}: square when it can be, else a 1×length strip. */
    public static int[] shapeFor(int length) {
        int side = (int) Math.round(Math.sqrt(length));
        return side * side == length ? new int[] {side, side} : new int[] {1, length};
    }

    /** Whether vectors of {@code length} are drawn as square tiles rather than strips. */
    public static boolean isSquare(int length) {
        return shapeFor(length)[0] > 1 || length == 1;
    }

    /** A roughly square grid for square tiles; one vector per grid row for strips, which are wide already. */
    public static int defaultColumns(int count, int length) {
        return isSquare(length) ? Math.max(1, (int) Math.ceil(Math.sqrt(count))) : 1;
    }

    /** Renders with the inferred tile shape and {@link #defaultColumns}. */
    public static BufferedImage render(float[][] vectors, Mode mode, int scale) {
        requireVectors(vectors);
        return render(vectors, defaultColumns(vectors.length, vectors[0].length), mode, scale);
    }

    /** Renders with the inferred tile shape, {@code columns} tiles per grid row, vectors filling rows in order. */
    public static BufferedImage render(float[][] vectors, int columns, Mode mode, int scale) {
        requireVectors(vectors);
        int[] hw = shapeFor(vectors[0].length);
        return render(vectors, hw[0], hw[1], columns, mode, scale);
    }

    /**
     * The full form. The image is {@code columns·W·scale + columns − 1} pixels wide and
     * {@code rows·H·scale + rows − 1} high, rows = ⌈N / columns⌉.
     */
    public static BufferedImage render(float[][] vectors, int height, int width, int columns, Mode mode, int scale) {
        requireVectors(vectors);
        if (height <= 0 || width <= 0 || columns <= 0 || scale <= 0) {
            throw new IllegalArgumentException("tile " + height + "x" + width + ", columns " + columns + ", scale " + scale);
        }
        int cols = Math.min(columns, vectors.length);
        int rows = (vectors.length + cols - 1) / cols;
        int tileW = width * scale;
        int tileH = height * scale;
        BufferedImage img = new BufferedImage(cols * tileW + cols - 1, rows * tileH + rows - 1, BufferedImage.TYPE_INT_RGB);
        // The raster's own pixel array: setRGB per pixel went through the colour model for every one of them and
        // was most of the time of a browser site of image tiles.
        int[] px = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int stride = img.getWidth();
        java.util.Arrays.fill(px, SEPARATOR);
        for (int t = 0; t < vectors.length; t++) {
            float[] v = vectors[t];
            if (v.length != height * width) {
                throw new IllegalArgumentException("vector " + t + " has " + v.length + " values, expected " + height * width);
            }
            int x0 = (t % cols) * (tileW + 1);
            int y0 = (t / cols) * (tileH + 1);
            float maxAbs = mode == Mode.UNIT ? 1f : maxAbs(v);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int rgb = rgb(v[r * width + c], mode, maxAbs);
                    for (int dy = 0; dy < scale; dy++) {
                        int at = (y0 + r * scale + dy) * stride + x0 + c * scale;
                        java.util.Arrays.fill(px, at, at + scale, rgb);
                    }
                }
            }
        }
        return img;
    }

    /** The 0xRRGGBB colour of one value; {@code maxAbs} is the tile's largest |v| (SIGNED, DIVERGING). */
    static int rgb(float v, Mode mode, float maxAbs) {
        if (mode != Mode.DIVERGING) {
            int g = gray(v, mode, maxAbs);
            return (g << 16) | (g << 8) | g;
        }
        double t = maxAbs == 0 || !Float.isFinite(v) ? 0 : Math.max(-1, Math.min(1, v / maxAbs));
        int end = t >= 0 ? POSITIVE : NEGATIVE;
        double a = Math.abs(t);
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int channel = (end >> shift) & 0xFF;
            rgb |= (int) Math.round(255 + a * (channel - 255)) << shift; // white blended towards the end colour
        }
        return rgb;
    }

    /** The gray level 0..255 of one value; {@code maxAbs} is the tile's largest |v| (SIGNED only). */
    static int gray(float v, Mode mode, float maxAbs) {
        double unit = mode == Mode.UNIT ? v : (maxAbs == 0 ? 0.5 : 0.5 + 0.5 * v / maxAbs);
        if (!(unit >= 0)) {
            unit = 0; // also catches NaN, so a broken value shows as black rather than failing the report
        }
        return (int) Math.round(Math.min(unit, 1.0) * 255);
    }

    /** Writes {@code img} as PNG atomically (temp file in the same folder, then rename), creating folders. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this JDK");
            }
        });
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    private static void requireVectors(float[][] vectors) {
        if (vectors == null || vectors.length == 0 || vectors[0].length == 0) {
            throw new IllegalArgumentException("nothing to draw: no vectors or empty vectors");
        }
    }
}
