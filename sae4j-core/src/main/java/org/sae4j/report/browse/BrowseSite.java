package org.sae4j.report.browse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.sae4j.report.Headless;

/**
 * Writes the feature browser: {@code index.html}, {@code latents/N.html} for every latent that fires,
 * {@code docs/D.html} for the documents the shown examples come from (up to a bound, {@link DocumentChoice}), {@code style.css}, {@code browse.js} and
 * {@code data/index.js}. Static files that work from file:// with no network; written into a temp folder and
 * moved into place whole.
 */
public final class BrowseSite {
    /**
     * Documents that get a page by default: every document the examples come from on small data (the README's
     * tour), a bound on large data where each page costs an encode of its document.
     */
    public static final int DOCUMENTS = 2000;

    private BrowseSite() {
    }

    /** Writes the site of {@code b} to {@code out} (created, or an earlier site replaced) and returns its index.html. */
    public static Path write(BrowseData b, Path out, int documents) throws IOException {
        Headless.ensure();
        SiteFolder site = SiteFolder.start(out);
        try {
            for (String asset : new String[] {"style.css", "browse.js"}) {
                site.write(asset, resource(asset));
            }
            Files.createDirectories(site.dir().resolve("latents"));
            b.documentPages().choose(b, documents);
            IndexPage.write(site, b);
            try {
                // Pages are independent files; the scan is over, so both cores can render them.
                IntStream.range(0, b.profiles().width()).parallel().filter(l -> !b.profiles().isDead(l)).forEach(l -> {
                    try {
                        LatentPage.write(site, b, l);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            DocumentPages.writeAll(site, b);
            return site.commit().resolve("index.html");
        } catch (IOException | RuntimeException e) {
            site.abandon();
            throw e;
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = BrowseSite.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
