package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.DataSources;
import org.sae4j.data.RowReader;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreModel;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.browse.BrowseData;
import org.sae4j.report.browse.BrowseServer;
import org.sae4j.report.browse.BrowseSite;
import org.sae4j.report.browse.Browser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sae4j browse}: the feature browser, a static site of every latent, optionally served locally. */
@Command(name = "browse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a feature browser: a page for every latent of an SAE.",
                "One streaming pass over --data (an activation store from sae4j capture,",
                "or any source train takes) measures each latent's density, largest and",
                "mean activation, histogram, top examples (with the tokens around them",
                "for a store; as tiles for square images such as Fashion-MNIST), examples",
                "across its range (equal-width intervals and equal-count quantiles), its",
                "nearest decoder directions and, with --unembed or a language-model module,",
                "its token lens. Open the printed index.html from disk (no network", 
                "needed), or add --serve to serve it on 127.0.0.1.", ""},
        footer = {"", "Examples:",
                "  sae4j browse --model sae.safetensors --data acts/ --out sae-browse",
                "  sae4j browse -m sae.safetensors --data acts/ --unembed W_U.npy --serve 8080",
                "  sae4j browse -m topk.safetensors --data fashion-mnist-test --top 12"})
final class BrowseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    DataOptions.HeldOut data = new DataOptions.HeldOut();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sae4j-browse",
            description = "Folder for the site (default: ${DEFAULT-VALUE}); an earlier site there is replaced.")
    Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Top examples per latent (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--window", paramLabel = "N", defaultValue = "12",
            description = "Tokens shown on each side of a firing token (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--documents", paramLabel = "N", defaultValue = "" + BrowseSite.DOCUMENTS,
            description = "Document pages: one for every document the shown examples come from, at most N (then those "
                    + "holding the most examples; each page encodes its document again). Examples from the others name "
                    + "their document without a link, and the index page says how many have pages (default: "
                    + "${DEFAULT-VALUE}; 0 for none).")
    int documents;

    @Option(names = "--unembed", paramLabel = "FILE",
            description = {"A [vocab, d_model] or [d_model, vocab] matrix (.npy or", "  .safetensors[:NAME]) for the token lens."})
    String unembed;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the example samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--serve", arity = "0..1", fallbackValue = "8080", paramLabel = "PORT",
            description = "Serve the site on 127.0.0.1:PORT (default 8080) until Ctrl-C.")
    Integer serve;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (documents < 0) {
            throw new InvalidInputException("--documents is " + documents + "; expected 0 or more.");
        }
        if (serve != null && (serve < 0 || serve > 65535)) {
            throw new InvalidInputException("--serve port is " + serve + "; expected 0 to 65535.");
        }
        ProfileOptions options = ProfileOptions.defaults().withTop(top).withWindow(window).withSeed(seed);
        org.sae4j.io.OutputPaths.requireWritableFolder(out);
        Model m = model.load();
        if (!(m instanceof SparseAutoencoder sae)) {
            throw new InvalidInputException("Model '" + model.file + "' is a " + m.describe()
                    + "; the browser shows the latents of dictionary-learning SAEs (train --arch ...).");
        }
        String chosen = data.chosen(DataSources.EMBEDDED_HELD_OUT, spec);
        ActivationStore store = Browser.storeAt(chosen);
        Browser.LensMatrix lens = unembed == null ? null : lens(unembed, sae.outputSize());
        long start = System.nanoTime();
        try (RowReader rows = DataOptions.streams(chosen) ? data.rows(chosen) : data.loadOr(DataSources.EMBEDDED_HELD_OUT, spec).asRows()) {
            if (rows.cols() != sae.inputSize()) {
                throw new InvalidInputException("Data '" + rows.name() + "' has " + rows.cols() + " values per row; "
                        + "the model takes " + sae.inputSize() + ".");
            }
            if (store != null && data.heldOut() != null) {
                throw new InvalidInputException("--held-out selects rows from the end of a store, whose provenance the "
                        + "browser reads from row 0; browse the store with --limit instead.");
            }
            BrowseData b = Browser.measure(sae, rows, store, lens, options, model.file.getFileName().toString(), rows.name());
            double secs = (System.nanoTime() - start) / 1e9;
            int dead = b.profiles().dead().length;
            w.printf(Locale.ROOT, "Scanned %,d %s with %,d latents in %.1f s (%,.0f rows/s): %,d fire, %,d dead.%n",
                    b.profiles().rows(), store != null ? "tokens" : "rows", sae.latentSize(), secs,
                    b.profiles().rows() / Math.max(secs, 1e-9), sae.latentSize() - dead, dead);
            Path index;
            try {
                index = BrowseSite.write(b, out, documents);
            } catch (IOException e) {
                throw new InvalidInputException("The site could not be written to '" + out + "' (" + IoErrors.reason(e) + ").", e);
            }
            w.println(index.toAbsolutePath().normalize());
            w.flush();
            if (serve != null) {
                StoreModel lm = store == null ? null : StoreModel.find(store.dir(), store.info()).orElse(null);
                try (BrowseServer server = BrowseServer.start(out, serve, sae, lm)) {
                    w.println("Serving at " + server.url() + (lm == null ? "" : " (with \"try your own text\")")
                            + "; Ctrl-C stops.");
                    w.flush();
                    Thread.currentThread().join();
                } catch (java.net.BindException e) {
                    throw new InvalidInputException("Port " + serve + " on 127.0.0.1 is in use; expected a free port "
                            + "(give --serve with another, or 0 for any).");
                }
            }
        }
        return 0;
    }

    static Browser.LensMatrix lens(String file, int dModel) {
        org.sae4j.data.Dataset m = DataSources.resolve(file);
        float[] rows = org.sae4j.eval.latents.Directions.vocabRows(m, dModel, "--unembed");
        return new Browser.LensMatrix(rows, rows.length / dModel, Path.of(file).getFileName().toString());
    }
}
