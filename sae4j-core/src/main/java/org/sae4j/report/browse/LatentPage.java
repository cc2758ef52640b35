package org.sae4j.report.browse;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.sae4j.eval.latents.Example;
import org.sae4j.eval.latents.LatentProfiles;

/**
 * The page of one latent ({@code latents/N.html}): its density, maximum and mean when active, the activation
 * histogram, the token lens, its decoder neighbours, the top examples and the example groups across the
 * activation range in both conventions, each said by name. Static HTML: it reads the same from file:// or a server.
 */
final class LatentPage {
    private LatentPage() {
    }

    static String file(int latent) {
        return "latents/" + latent + ".html";
    }

    static void write(SiteFolder site, BrowseData b, int latent) throws IOException {
        LatentProfiles p = b.profiles();
        StringBuilder h = new StringBuilder(64 * 1024);
        Text.head(h, "Latent " + latent + " · " + b.title(), "../");
        h.append("<nav><a href=\"../index.html\">&larr; all latents</a>");
        if (latent > 0) {
            h.append(" · <a href=\"").append(latent - 1).append(".html\">latent ").append(latent - 1).append("</a>");
        }
        if (latent + 1 < p.width()) {
            h.append(" · <a href=\"").append(latent + 1).append(".html\">latent ").append(latent + 1).append("</a>");
        }
        h.append("</nav>\n<h1>Latent ").append(latent).append("</h1>\n");
        String unit = b.tokens() ? "tokens" : "inputs";
        h.append("<p class=\"stats\" id=\"stats\">Fires on <b id=\"fires\">").append(Text.count(p.fires(latent)))
                .append("</b> of <b id=\"rows\">").append(Text.count(p.rows())).append("</b> ").append(unit)
                .append(" (density <b id=\"density\" data-value=\"").append(p.density(latent)).append("\">")
                .append(Text.percent(p.density(latent))).append("</b>); largest activation <b id=\"max\" data-value=\"")
                .append(p.max(latent)).append("\">").append(Text.num(p.max(latent)))
                .append("</b>; mean when active <b id=\"mean\" data-value=\"").append(p.meanWhenActive(latent))
                .append("\">").append(Text.num(p.meanWhenActive(latent))).append("</b>.</p>\n");

        h.append("<div class=\"cols\">\n<section id=\"histogram\"><h2>Activations when firing</h2>\n");
        LatentProfiles.Histogram hist = p.histogram(latent);
        HistogramSvg.append(h, hist);
        h.append("<p class=\"note\">").append(p.options().bins()).append(" equal bins of width ")
                .append(Text.num(hist.binWidth())).append(" from 0 to ").append(Text.num(hist.range()))
                .append(", just above the largest activation; each bar counts every activation in its range. Hover a "
                        + "bar for its range and count.</p>\n</section>\n");
        if (b.images()) {
            BufferedImage dec = ImageTiles.decoder(b, latent);
            ImageTiles.write(dec, site.dir().resolve(ImageTiles.decoderFile(latent)));
            h.append("<section id=\"decoder\"><h2>Decoder direction</h2><img class=\"tiles\" src=\"").append(latent)
                    .append("-decoder.png\" width=\"").append(dec.getWidth()).append("\" height=\"").append(dec.getHeight())
                    .append("\" alt=\"decoder direction of latent ").append(latent).append("\"><p class=\"note\">Red adds to "
                            + "the reconstruction, blue removes, white is zero.</p></section>\n");
        }
        Neighbours.append(h, b, latent);
        h.append("</div>\n");
        Neighbours.lens(h, b, latent);

        List<Example> top = p.top(latent);
        h.append("<section id=\"top\"><h2>Top ").append(top.size()).append(" examples</h2>\n<p class=\"note\">")
                .append(b.tokens() ? "Each example is the " + p.options().window() + " tokens on either side of the "
                        + "marked token, within its document; every token is shaded by this latent's activation on it "
                        + "(darkest at the latent's largest activation); hover a token for its value."
                        : "The inputs this latent fires on most, largest activation first.").append("</p>\n");
        if (Examples.unlinked(b, latent)) {
            DocumentChoice docs = b.documentPages();
            h.append("<p class=\"note\" id=\"docbound\">Some examples below come from documents without a page: "
                    + "<code>--documents ").append(docs.limit()).append("</code> gave pages to ").append(Text.count(docs.pages().size()))
                    .append(" of the ").append(Text.count(docs.referenced())).append(" documents the examples come from; "
                            + "the others are named without a link.</p>\n");
        }
        examples(site, h, b, latent, top);
        h.append("</section>\n");

        h.append("<section id=\"intervals\"><h2>Across the range: equal-width intervals</h2>\n<p class=\"note\">"
                + "SAEDashboard's convention: [0, ").append(Text.num(p.intervalRange(latent))).append(") cut into ")
                .append(p.options().intervals()).append(" intervals of equal width, with up to ")
                .append(p.options().perInterval()).append(" examples drawn uniformly from each (empty intervals left out)."
                        + "</p>\n");
        groups(site, h, b, latent, p.intervals(latent), "intervals");
        h.append("</section>\n<section id=\"quantiles\"><h2>Across the range: equal-count quantiles</h2>\n"
                + "<p class=\"note\">delphi's convention: a uniform sample of ").append(p.options().quantiles()
                * p.options().perQuantile()).append(" of this latent's activations, sorted and cut into ")
                .append(p.options().quantiles()).append(" groups of equal size, lowest first.</p>\n");
        groups(site, h, b, latent, p.quantiles(latent), "quantiles");
        h.append("</section>\n</body>\n</html>\n");
        site.write(file(latent), h.toString());
    }

    private static void groups(SiteFolder site, StringBuilder h, BrowseData b, int latent, List<LatentProfiles.Group> gs,
                               String convention) throws IOException {
        if (b.images()) {
            BufferedImage img = ImageTiles.groups(b, gs, latent);
            if (img != null) {
                ImageTiles.write(img, site.dir().resolve(ImageTiles.groupsFile(latent, convention)));
            }
        }
        for (LatentProfiles.Group g : gs) {
            h.append("<div class=\"group\" data-low=\"").append(g.low()).append("\" data-high=\"").append(g.high())
                    .append("\" data-contains=\"").append(g.contains()).append("\"><h3>").append(Text.esc(g.label()))
                    .append(": ").append(Text.num(g.low())).append(" to ").append(Text.num(g.high())).append(", ")
                    .append(Text.count(g.contains())).append(convention.equals("quantiles") ? " sampled" : "")
                    .append(" activations (").append(Text.percent(g.fraction())).append(")</h3>\n");
            if (!b.images()) {
                Examples.list(h, b, latent, g.examples(), "../", convention);
            } else {
                h.append("<p class=\"note\">").append(g.examples().size()).append(" examples: ")
                        .append(String.join(", ", g.examples().stream().map(e -> "row " + e.row()).toList()))
                        .append("</p>\n");
            }
            h.append("</div>\n");
        }
        if (b.images() && gs.stream().anyMatch(g -> !g.examples().isEmpty())) {
            h.append("<img class=\"tiles\" src=\"").append(latent).append('-').append(convention)
                    .append(".png\" alt=\"the groups' examples as tiles, one row per group\">\n");
        }
    }

    private static void examples(SiteFolder site, StringBuilder h, BrowseData b, int latent, List<Example> top)
            throws IOException {
        if (b.images() && !top.isEmpty()) {
            BufferedImage img = ImageTiles.row(b, top, latent);
            ImageTiles.write(img, site.dir().resolve(ImageTiles.topFile(latent)));
            h.append("<img class=\"tiles\" src=\"").append(latent).append("-top.png\" width=\"").append(img.getWidth())
                    .append("\" height=\"").append(img.getHeight()).append("\" alt=\"top inputs of latent ").append(latent)
                    .append("\">\n");
        }
        Examples.list(h, b, latent, top, "../", "top");
    }
}
