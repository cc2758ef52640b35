package org.sae4j.spark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.eval.latents.Example;
import org.sae4j.eval.latents.LatentProfiler;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.eval.latents.RowOrigins;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.browse.BrowseFixtures;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.spark.io.StoreFrame;

/**
 * The browser's profile computed on Spark equals the single-machine profiler's (the pass {@code sae4j browse}
 * makes) on a store of 3,000 tokens, in one partition, in the store's own three and in seven (so windows cross
 * partition edges): firing counts, maxima, histograms, the top examples, interval and quantile groups (rows,
 * values, documents, and every window's tokens and values), the documents' runs and the token search; means
 * when active to 1e-12.
 */
class DistributedProfileTest {
    @Test
    void theMergedProfileIsTheProfilers(@TempDir Path dir) throws Exception {
        ActivationStore store = BrowseFixtures.store(dir, 3000);
        SparseAutoencoder sae = BrowseFixtures.sae();
        ProfileOptions options = BrowseFixtures.options();
        LatentProfiles p;
        try (Shards raw = Shards.open(store.activationsSpec())) {
            p = LatentProfiler.run(sae.encodeSparse(raw), sae.latentSize(), RowOrigins.of(store), options);
        }
        for (int partitions : new int[] {1, 0, 7}) {
            LatentProfiles t = DistributedProfile.profile(TestSpark.context(), ModelBytes.of(sae),
                    StoreFrame.read(TestSpark.session(), store.dir().toString(), partitions), store.dir().toString(),
                    options);
            assertEquals(p.rows(), t.rows());
            for (int l = 0; l < sae.latentSize(); l++) {
                String at = "latent " + l + " (" + partitions + " partitions)";
                assertEquals(p.fires(l), t.fires(l), at);
                assertEquals(p.max(l), t.max(l), at);
                assertEquals(p.meanWhenActive(l), t.meanWhenActive(l), 1e-12, at);
                assertEquals(p.histogram(l).binWidth(), t.histogram(l).binWidth(), at);
                assertArrayEquals(p.histogram(l).counts(), t.histogram(l).counts(), at);
                assertEquals(examples(p.top(l)), examples(t.top(l)), "top of " + at);
                assertEquals(p.intervalRange(l), t.intervalRange(l), at);
                assertEquals(groups(p.intervals(l)), groups(t.intervals(l)), "intervals of " + at);
                assertEquals(groups(p.quantiles(l)), groups(t.quantiles(l)), "quantiles of " + at);
            }
            assertEquals(p.documents().size(), t.documents().size());
            for (int i = 0; i < p.documents().size(); i++) {
                assertEquals(p.documents().id(i), t.documents().id(i));
                assertEquals(p.documents().firstRow(i), t.documents().firstRow(i));
                assertEquals(p.documents().rows(i), t.documents().rows(i));
            }
            assertEquals(p.tokenLatents().tokens(), t.tokenLatents().tokens());
            for (int token = 0; token < p.tokenLatents().tokens(); token++) {
                assertArrayEquals(p.tokenLatents().latents(token), t.tokenLatents().latents(token), "token " + token);
                assertArrayEquals(p.tokenLatents().values(token), t.tokenLatents().values(token), "token " + token);
            }
        }
        assertEquals(BrowseFixtures.DEAD, p.dead().length);
        assertTrue(p.fires(BrowseFixtures.PARIS_LATENT) > 0);
        assertTrue(p.top(BrowseFixtures.PARIS_LATENT).stream().anyMatch(e -> e.tokens().length > 1), "windows span tokens");
    }

    /** Every example in full: row, value, document, firing index, window tokens and values. */
    private static List<String> examples(List<Example> es) {
        return es.stream().map(e -> e.row() + ":" + e.value() + " doc " + e.doc() + " at " + e.firing() + " "
                + Arrays.toString(e.tokens()) + Arrays.toString(e.values())).toList();
    }

    private static List<String> groups(List<LatentProfiles.Group> gs) {
        return gs.stream().map(g -> g.label() + " " + g.low() + ".." + g.high() + " " + g.contains() + " "
                + examples(g.examples())).toList();
    }
}
