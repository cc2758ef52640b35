package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.RowReader;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.eval.latents.Directions;
import org.sae4j.eval.latents.NeuronCorrelations;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.io.interchange.NeuronpediaWriter;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.browse.BrowseData;
import org.sae4j.report.browse.Browser;

/** {@code sae4j export --format neuronpedia}: the browser's measurements in Neuronpedia's upload layout. */
final class NeuronpediaExport {
    /** Latent × input sums for correlated_neurons_* kept at most: 512 MB of doubles (e.g. 65k latents of 1024). */
    static final long MAX_CORRELATION_SUMS = 1L << 26;
    private NeuronpediaExport() {
    }

    static int run(ExportCommand c) {
        if (c.data == null) {
            throw new InvalidInputException("--format neuronpedia measures the latents on data; give --data (an "
                    + "activation store from sae4j capture, or any source train takes).");
        }
        Model m = c.model.load();
        if (!(m instanceof SparseAutoencoder sae)) {
            throw new InvalidInputException("Model '" + c.model.file + "' is a " + m.describe()
                    + "; only dictionary-learning SAEs (train --arch ...) export to Neuronpedia.");
        }
        DataOptions.HeldOut d = new DataOptions.HeldOut();
        d.source = c.data;
        d.limit = c.limit;
        d.fraction = c.heldOut;
        ActivationStore store = Browser.storeAt(c.data);
        if (store != null && c.heldOut != null) {
            throw new InvalidInputException("--held-out selects rows from the end of a store, whose provenance is read "
                    + "from row 0; use --limit instead.");
        }
        Browser.LensMatrix lens = c.unembed == null ? null : BrowseCommand.lens(c.unembed, sae.outputSize());
        String stem = c.model.file.getFileName().toString().replaceFirst("\\.safetensors$", "");
        try (RowReader rows = DataOptions.streams(c.data) ? d.rows(c.data) : d.load().asRows()) {
            // Correlations with the input dimensions come from the same pass (width x d_in sums, exact).
            long sums = (long) sae.latentSize() * sae.inputSize();
            NeuronCorrelations correlations = sums <= MAX_CORRELATION_SUMS
                    ? new NeuronCorrelations(sae.latentSize(), sae.inputSize()) : null;
            if (correlations == null) {
                c.spec.commandLine().getOut().printf("correlated_neurons_* are left empty: %d latents x %d inputs "
                        + "would need %,d MB of sums.%n", sae.latentSize(), sae.inputSize(), sums * 8 >> 20);
            }
            BrowseData b = Browser.measure(sae, rows, store, lens, ProfileOptions.defaults(), stem, rows.name(),
                    correlations);
            NeuronpediaWriter.Meta meta = new NeuronpediaWriter.Meta(
                    c.modelId != null ? c.modelId : store != null ? store.info().model() : "unknown",
                    store != null ? store.info().layer() : 0, c.saeSet != null ? c.saeSet : stem, rows.name(),
                    store != null ? store.info().context() : 0);
            int batches = NeuronpediaWriter.write(b.profiles(), Directions.decoder(sae), sae.outputSize(), b.lens(),
                    b.vocabulary(), correlations, meta, c.out);
            c.spec.commandLine().getOut().printf("Wrote %d Neuronpedia batch file%s (%d latents, %d dead in "
                            + "skipped_indexes.json) to %s%n", batches, batches == 1 ? "" : "s",
                    sae.latentSize() - b.profiles().dead().length, b.profiles().dead().length, Path.of(c.out.toString())
                            .toAbsolutePath());
        } catch (IOException e) {
            throw new InvalidInputException("The export could not be written to '" + c.out + "' (" + IoErrors.reason(e) + ").", e);
        }
        return 0;
    }
}
