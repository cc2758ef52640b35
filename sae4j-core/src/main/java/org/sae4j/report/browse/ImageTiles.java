package org.sae4j.report.browse;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sae4j.eval.latents.Example;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.report.LatentImages;

/**
 * For image-shaped inputs, a latent's examples as tiles instead of token windows: its decoder direction, its top
 * inputs in one row, and each group of an example grouping as one row of a picture, every tile labelled with the
 * latent id and the activation. Inputs are drawn in the model's normalised units, stretched to black..white over
 * the tiles of one picture.
 */
final class ImageTiles {
    private ImageTiles() {
    }

    static String decoderFile(int latent) {
        return "latents/" + latent + "-decoder.png";
    }

    static String topFile(int latent) {
        return "latents/" + latent + "-top.png";
    }

    static String groupsFile(int latent, String convention) {
        return "latents/" + latent + "-" + convention + ".png";
    }

    static BufferedImage decoder(BrowseData b, int latent) {
        int d = b.model().inputSize();
        float[] row = new float[d];
        System.arraycopy(b.model().decoderWeight().value(), latent * d, row, 0, d);
        return LatentImages.decoderDirection(row, latent);
    }

    /**
     * Written plainly, not through AtomicFiles: the file is inside the site's temp folder, which is moved into
     * place whole, and thousands of per-file syncs made a site of 256 latents take seconds longer.
     */
    static void write(BufferedImage img, Path file) throws IOException {
        javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
        javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
        // A light deflate level: the default (9) spent more time than drawing, for files only a few % smaller.
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.75f);
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
    }

    /** The examples as one labelled row of tiles. */
    static BufferedImage row(BrowseData b, List<Example> examples, int latent) {
        float[][] inputs = new float[examples.size()][];
        float[] acts = new float[examples.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = b.rows().read(examples.get(i).row(), 1);
            b.model().normalizer().applyInPlace(inputs[i], inputs[i].length);
            acts[i] = examples.get(i).value();
        }
        stretch(inputs);
        return LatentImages.topInputs(inputs, acts, latent);
    }

    /** Each group as a row of tiles, stacked top to bottom; null when no group has examples. */
    static BufferedImage groups(BrowseData b, List<LatentProfiles.Group> groups, int latent) {
        List<BufferedImage> rows = groups.stream().filter(g -> !g.examples().isEmpty())
                .map(g -> row(b, g.examples(), latent)).toList();
        if (rows.isEmpty()) {
            return null;
        }
        int w = rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int h = rows.stream().mapToInt(r -> r.getHeight() + 4).sum();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            int y = 0;
            for (BufferedImage r : rows) {
                g.drawImage(r, 0, y, null);
                y += r.getHeight() + 4;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void stretch(float[][] rows) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] r : rows) {
            for (float v : r) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float span = hi > lo ? hi - lo : 1;
        for (float[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                r[j] = (r[j] - lo) / span;
            }
        }
    }
}
