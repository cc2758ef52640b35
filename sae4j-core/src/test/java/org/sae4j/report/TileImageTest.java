package org.sae4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.report.TileImage.Mode;

/** Pixel-exact checks of the tile layout and the two gray scales on tiny hand-made vectors. */
class TileImageTest {
    private static final int SEP = TileImage.SEPARATOR;

    private static int gray(int g) {
        return (g << 16) | (g << 8) | g;
    }

    private static int px(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void signedModeMapsZeroToMidGrayAndMaxAbsToWhiteAndBlack() {
        BufferedImage img = TileImage.render(new float[][] {{-2, 0, 1, 2}}, Mode.SIGNED, 1);
        assertEquals(2, img.getWidth());
        assertEquals(2, img.getHeight());
        assertEquals(gray(0), px(img, 0, 0));     // -max|v| black
        assertEquals(gray(128), px(img, 1, 0));   // 0 mid-gray
        assertEquals(gray(191), px(img, 0, 1));   // 1 = half of max: 127.5 + 63.75 = 191.25
        assertEquals(gray(255), px(img, 1, 1));   // +max|v| white
    }

    @Test
    void signedTilesAreScaledEachOnTheirOwnAndZeroTilesAreFlat() {
        // Same shape, ten times larger: the same picture. An all-zero tile is flat mid-gray, not NaN.
        BufferedImage img = TileImage.render(new float[][] {{0, 1, -1, 0.5f}, {0, 10, -10, 5}, {0, 0, 0, 0}}, 3,
                Mode.SIGNED, 1);
        assertEquals(3 * 2 + 2, img.getWidth());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                assertEquals(px(img, x, y), px(img, 3 + x, y));
                assertEquals(gray(128), px(img, 6 + x, y));
            }
        }
        assertEquals(gray(255), px(img, 1, 0));
        assertEquals(gray(191), px(img, 4, 1));
    }

    @Test
    void unitModeMapsZeroToOneOntoBlackToWhiteAndClamps() {
        BufferedImage img = TileImage.render(new float[][] {{-0.5f, 0, 0.5f, 1.5f}}, Mode.UNIT, 1);
        assertEquals(gray(0), px(img, 0, 0));
        assertEquals(gray(0), px(img, 1, 0));
        assertEquals(gray(128), px(img, 0, 1));
        assertEquals(gray(255), px(img, 1, 1));
        // The unit scale is shared, not per tile: a dim tile stays dim.
        BufferedImage dim = TileImage.render(new float[][] {{0.2f, 0.2f, 0.2f, 0.2f}}, Mode.UNIT, 1);
        assertEquals(gray(51), px(dim, 1, 1));
    }

    @Test
    void squareTilesAreUpscaledAndSeparatedByOnePixel() {
        float[][] v = {{0, 0, 0, 1}, {1, 1, 1, 0}};
        BufferedImage img = TileImage.render(v, 2, Mode.UNIT, 2);
        assertEquals(2 * 4 + 1, img.getWidth());
        assertEquals(4, img.getHeight());
        for (int y = 0; y < 4; y++) {
            assertEquals(SEP, px(img, 4, y), "separator column");
        }
        // Tile 0: value 1 at (row 1, col 1) covers pixels x 2..3, y 2..3 at scale 2.
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                boolean lit = x >= 2 && y >= 2;
                assertEquals(gray(lit ? 255 : 0), px(img, x, y), "tile 0 at " + x + "," + y);
                assertEquals(gray(lit ? 0 : 255), px(img, 5 + x, y), "tile 1 at " + x + "," + y);
            }
        }
    }

    @Test
    void shortLastGridRowIsPaddedWithTheSeparatorColour() {
        float[][] v = {{1}, {1}, {1}};
        BufferedImage img = TileImage.render(v, 2, Mode.UNIT, 1);
        assertEquals(3, img.getWidth());
        assertEquals(3, img.getHeight());
        assertEquals(gray(255), px(img, 0, 0));
        assertEquals(gray(255), px(img, 2, 0));
        assertEquals(gray(255), px(img, 0, 2));
        assertEquals(SEP, px(img, 2, 2));
        assertEquals(SEP, px(img, 1, 1));
    }

    @Test
    void nonSquareLengthsBecomeOnePixelHighStripsOnePerRow() {
        assertArrayEquals(new int[] {28, 28}, TileImage.shapeFor(784));
        assertArrayEquals(new int[] {1, 3}, TileImage.shapeFor(3));
        assertArrayEquals(new int[] {1, 10}, TileImage.shapeFor(10));
        assertTrue(TileImage.isSquare(4));
        assertFalse(TileImage.isSquare(3));

        float[][] v = {{0, 0.5f, 1}, {1, 1, 1}, {0, 0, 0}};
        BufferedImage img = TileImage.render(v, Mode.UNIT, 2);
        assertEquals(3 * 2, img.getWidth());
        assertEquals(3 * 2 + 2, img.getHeight());
        int[] expectedRow0 = {0, 0, 128, 128, 255, 255};
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(gray(expectedRow0[x]), px(img, x, y));
                assertEquals(gray(255), px(img, x, 3 + y));
                assertEquals(gray(0), px(img, x, 6 + y));
            }
        }
        for (int x = 0; x < 6; x++) {
            assertEquals(SEP, px(img, x, 2));
            assertEquals(SEP, px(img, x, 5));
        }
    }

    @Test
    void mismatchedOrMissingVectorsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TileImage.render(new float[][] {{1, 2, 3, 4}, {1, 2}}, Mode.UNIT, 1));
        assertThrows(IllegalArgumentException.class, () -> TileImage.render(new float[0][], Mode.UNIT, 1));
        assertThrows(IllegalArgumentException.class, () -> TileImage.render(new float[][] {{1}}, Mode.UNIT, 0));
    }

    @Test
    void writesAReadablePngAtomically(@TempDir Path dir) throws Exception {
        BufferedImage img = TileImage.render(new float[][] {{-1, 0, 1, 0.5f}, {0, 0.25f, 0.5f, 1}}, Mode.SIGNED, 3);
        Path png = dir.resolve("sub").resolve("t.png");
        TileImage.writePng(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getHeight(), back.getHeight());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertEquals(px(img, x, y), px(back, x, y));
            }
        }
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }
}
