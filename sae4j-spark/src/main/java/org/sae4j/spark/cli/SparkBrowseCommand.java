package org.sae4j.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.eval.latents.RowOrigins;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.browse.BrowseData;
import org.sae4j.report.browse.BrowseSite;
import org.sae4j.report.browse.Browser;
import org.sae4j.report.browse.RowAccess;
import org.sae4j.spark.eval.DistributedProfile;
import org.sae4j.spark.io.StoreFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sae4j-spark browse}: {@code sae4j browse}'s site of an activation store, its pass over the rows spread
 * across a cluster ({@link DistributedProfile}: each partition's numbers merged, then the shown examples' windows
 * gathered), written on the driver by the browser's own writer ({@link BrowseSite}), so the site is the one
 * {@code sae4j browse} writes. The driver reads the store too: the document pages encode their documents again.
 */
@Command(name = "browse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write sae4j browse's feature browser of an activation store, the pass over its rows on Spark.", ""})
final class SparkBrowseCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "An sae4j SAE model file (.safetensors).")
    Path model;

    @Option(names = "--data", paramLabel = "STORE", required = true,
            description = "An activation store's folder (sae4j capture's), at the same path on the driver and every executor.")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sae4j-browse",
            description = "Folder for the site (default: ${DEFAULT-VALUE}); an earlier site there is replaced.")
    Path out;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2",
            description = "Contiguous row ranges the store is read in; 0 reads one per shard (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Top examples per latent (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--window", paramLabel = "N", defaultValue = "12",
            description = "Tokens shown on each side of a firing token (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--documents", paramLabel = "N", defaultValue = "" + BrowseSite.DOCUMENTS,
            description = "Document pages, at most N, as sae4j browse --documents (default: ${DEFAULT-VALUE}; 0 for none).")
    int documents;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the example samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException("Model file '" + model + "' does not exist or is not a file.");
        }
        if (!StoreFrame.isStore(data)) {
            throw new InvalidInputException("Data '" + data + "' is not an activation store's folder (no capture.json); "
                    + "expected the folder sae4j capture writes.");
        }
        if (documents < 0) {
            throw new InvalidInputException("--documents is " + documents + "; expected 0 or more.");
        }
        ProfileOptions options = ProfileOptions.defaults().withTop(top).withWindow(window).withSeed(seed); // sae4j browse's
        org.sae4j.io.OutputPaths.requireWritableFolder(out);
        Model m = org.sae4j.io.ModelFile.load(model);
        if (!(m instanceof SparseAutoencoder sae)) {
            throw new InvalidInputException("Model '" + model + "' is a " + m.describe()
                    + "; the browser shows the latents of dictionary-learning SAEs.");
        }
        ActivationStore store = ActivationStore.open(Path.of(data));
        if (store.info().dModel() != sae.inputSize()) {
            throw new InvalidInputException("Data '" + data + "' has " + store.info().dModel() + " values per row; "
                    + "the model takes " + sae.inputSize() + ".");
        }
        long start = System.nanoTime();
        SparkSession spark = SparkSessions.open(master);
        var frame = StoreFrame.read(spark, data, partitions);
        LatentProfiles p = DistributedProfile.profile(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                Files.readAllBytes(model), frame, data, options);
        double secs = (System.nanoTime() - start) / 1e9;
        int dead = p.dead().length;
        w.printf(Locale.ROOT, "Scanned %,d tokens with %,d latents on %d partitions in %.1f s (%,.0f rows/s): %,d fire, %,d dead.%n",
                p.rows(), sae.latentSize(), frame.rdd().getNumPartitions(), secs, p.rows() / Math.max(secs, 1e-9),
                sae.latentSize() - dead, dead);
        try (Shards raw = Shards.open(store.activationsSpec())) {
            BrowseData b = Browser.assemble(sae, p, store, null, model.getFileName().toString(), data, RowAccess.of(raw),
                    RowOrigins.of(store));
            Path index;
            try {
                index = BrowseSite.write(b, out, documents);
            } catch (IOException e) {
                throw new InvalidInputException("The site could not be written to '" + out + "' (" + IoErrors.reason(e) + ").", e);
            }
            w.println(index.toAbsolutePath().normalize());
        }
        return 0;
    }
}
