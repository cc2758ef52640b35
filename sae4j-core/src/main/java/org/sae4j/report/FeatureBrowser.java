package org.sae4j.report;

import static org.sae4j.report.HtmlReport.esc;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.sae4j.eval.latents.LatentProfiles;

/**
 * The report's feature-browser sections: a card per selected latent that summarises it (density, largest
 * activation, and for image inputs its top inputs and decoder direction) and links to its page in the full
 * browser ({@code sae4j browse}'s site, written into {@value #FOLDER}/ beside the report). The pictures are the
 * browser's own files, so the report and the browser show one rendering of each latent, not two.
 */
final class FeatureBrowser {
    /** Sub-folder of the report holding the browser site. */
    static final String FOLDER = "browser";

    private final LatentProfiles profiles;
    private final Path dir;
    private final boolean images;

    FeatureBrowser(LatentProfiles profiles, Path dir, boolean images) {
        this.profiles = profiles;
        this.dir = dir;
        this.images = images;
    }

    /** Square inputs of at least 4×4 are drawn as pictures; anything else is listed as numbers. */
    static boolean isImageShaped(int length) {
        return TileImage.isSquare(length) && length >= 16;
    }

    /** Appends one section: a heading, what it shows, and a card per latent. */
    void section(StringBuilder h, String id, String title, String intro, int[] latents) throws IOException {
        h.append("<section class=\"browser\" id=\"").append(id).append("\">\n<h3>").append(esc(title))
                .append("</h3>\n<p>").append(esc(intro)).append("</p>\n");
        if (latents.length == 0) {
            h.append("<p>No latent fired on this data, so there is nothing to show.</p>\n");
        }
        for (int latent : latents) {
            card(h, id, latent);
        }
        h.append("</section>\n");
    }

    private void card(StringBuilder h, String section, int latent) throws IOException {
        String name = "Latent " + latent;
        String page = FOLDER + "/latents/" + latent + ".html";
        h.append("<article class=\"latent\" id=\"").append(section).append("-latent-").append(latent)
                .append("\" data-latent=\"").append(latent).append("\">\n<h4>").append(name).append("</h4>\n");
        h.append("<p class=\"stats\">density <b>").append(esc(percent(profiles.density(latent)))).append("</b> (fires on ")
                .append(profiles.fires(latent)).append(" of ").append(profiles.rows()).append(" inputs), largest activation ")
                .append(fmt("%.4g", profiles.max(latent))).append(", mean when active ")
                .append(fmt("%.4g", profiles.meanWhenActive(latent))).append(". <a href=\"").append(page)
                .append("\">Its page in the browser</a>: histogram, top inputs, examples across its range, nearest "
                        + "latents.</p>\n");
        if (images) {
            h.append("<div class=\"row\">\n");
            img(h, FOLDER + "/latents/" + latent + "-decoder.png", name + ": decoder direction (red adds to the "
                    + "reconstruction, blue removes, white is zero)");
            img(h, FOLDER + "/latents/" + latent + "-top.png", name + ": its top " + profiles.top(latent).size()
                    + " inputs, largest activation first, each tile labelled #" + latent + " and its activation");
            h.append("</div>\n");
        }
        h.append("</article>\n");
    }

    private void img(StringBuilder h, String file, String text) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            return;
        }
        BufferedImage image = ImageIO.read(p.toFile());
        h.append("<figure><img class=\"tiles\" src=\"").append(file).append("\" width=\"").append(image.getWidth())
                .append("\" height=\"").append(image.getHeight()).append("\" alt=\"").append(esc(text))
                .append("\">\n<figcaption>").append(esc(text)).append("</figcaption></figure>\n");
    }

    static String percent(double fraction) {
        return fraction > 0 && fraction < 0.0001 ? "<0.01%" : fmt("%.2f%%", 100 * fraction);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
