package org.sae4j.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The pictures of one latent for image-shaped inputs: its decoder direction in a diverging colour map and its
 * top-activating inputs as tiles. Every tile carries the latent id drawn into its corner (and the inputs their
 * activation), so a tile cut out of the page or a screenshot still says which latent it belongs to.
 */
public final class LatentImages {
    /** Pixel scale of a tile: 28×28 inputs become 84×84, big enough for a two-line label. */
    public static final int SCALE = 3;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    private static final Color LABEL_BACKGROUND = new Color(0, 0, 0, 170);

    static {
        Headless.ensure(); // fonts are AWT: never look for a display
    }

    private LatentImages() {
    }

    /** Pixel scale for tiles of {@code length} values: {@link #SCALE}, less for inputs larger than 28×28. */
    public static int scaleFor(int length) {
        int side = TileImage.shapeFor(length)[1];
        return Math.max(1, Math.min(SCALE, 96 / side));
    }

    /** Latent {@code latent}'s decoder row as one square tile: red adds, blue removes, white is zero. */
    public static BufferedImage decoderDirection(float[] row, int latent) {
        BufferedImage img = TileImage.render(new float[][] {row}, TileImage.Mode.DIVERGING, scaleFor(row.length));
        label(img, 0, 0, img.getWidth(), img.getHeight(), "#" + latent, null);
        return img;
    }

    /**
     * Inputs in [0, 1] (display units), one tile each in a single row, largest activation first; each tile
     * labelled with the latent id and the input's activation.
     */
    public static BufferedImage topInputs(float[][] inputs, float[] activations, int latent) {
        int scale = scaleFor(inputs[0].length);
        BufferedImage img = TileImage.render(inputs, inputs.length, TileImage.Mode.UNIT, scale);
        int[] hw = TileImage.shapeFor(inputs[0].length);
        int tileW = hw[1] * scale;
        for (int t = 0; t < inputs.length; t++) {
            label(img, t * (tileW + 1), 0, tileW, hw[0] * scale, "#" + latent,
                    String.format(Locale.ROOT, "%.3g", activations[t]));
        }
        return img;
    }

    /** Draws {@code top} in the tile's top-left corner and {@code bottom} (if any) in its bottom-left. */
    static void label(BufferedImage img, int x0, int y0, int w, int h, String top, String bottom) {
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(FONT);
            g.setClip(x0, y0, w, h);
            FontMetrics fm = g.getFontMetrics();
            box(g, fm, x0, y0, top);
            if (bottom != null) {
                box(g, fm, x0, y0 + h - fm.getHeight(), bottom);
            }
        } finally {
            g.dispose();
        }
    }

    private static void box(Graphics2D g, FontMetrics fm, int x, int y, String text) {
        g.setColor(LABEL_BACKGROUND);
        g.fillRect(x, y, fm.stringWidth(text) + 4, fm.getHeight());
        g.setColor(Color.WHITE);
        g.drawString(text, x + 2, y + fm.getAscent());
    }
}
