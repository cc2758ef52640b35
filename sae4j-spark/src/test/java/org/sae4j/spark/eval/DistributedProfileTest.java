package org.sae4j.spark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.eval.latents.Example;
import org.sae4j.eval.latents.LatentProfiler;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.LatentTotals;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.eval.latents.RowOrigins;
import org.sae4j.eval.latents.TopActivations;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.browse.BrowseFixtures;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.spark.io.StoreFrame;

/**
 * The browser's numbers computed on Spark equal the single-machine profiler's (the pass {@code sae4j browse} makes)
 * on a store of 3,000 tokens, in one partition and in the store's three: firing counts, maxima, histograms, top
 * examples (rows, values, and their document and token), means when active to 1e-12.
 */
class DistributedProfileTest {
    @Test
    void theMergedNumbersAreTheProfilers(@TempDir Path dir) throws Exception {
        ActivationStore store = BrowseFixtures.store(dir, 3000);
        SparseAutoencoder sae = BrowseFixtures.sae();
        ProfileOptions options = BrowseFixtures.options();
        LatentProfiles p;
        try (Shards raw = Shards.open(store.activationsSpec())) {
            p = LatentProfiler.run(sae.encodeSparse(raw), sae.latentSize(), RowOrigins.of(store), options);
        }
        for (int partitions : new int[] {1, 0}) {
            DistributedProfile.Result r = DistributedProfile.profile(TestSpark.context(), ModelBytes.of(sae),
                    StoreFrame.read(TestSpark.session(), store.dir().toString(), partitions), options);
            LatentTotals t = r.totals();
            assertEquals(p.rows(), t.rows());
            for (int l = 0; l < sae.latentSize(); l++) {
                String at = "latent " + l + " (" + partitions + " partitions)";
                assertEquals(p.fires(l), t.fires(l), at);
                assertEquals(p.max(l), t.max(l), at);
                assertEquals(p.meanWhenActive(l), t.meanWhenActive(l), 1e-12, at);
                assertEquals(p.histogram(l).range(), t.histogram(l).range(), at);
                assertArrayEquals(p.histogram(l).counts(), t.histogram(l).counts(), at);
                List<Example> top = p.top(l);
                TopActivations.Top got = t.top(l);
                assertEquals(top.size(), got.count(), at);
                for (int i = 0; i < top.size(); i++) {
                    Example e = top.get(i);
                    assertEquals(e.row(), got.rows()[i], at);
                    assertEquals(e.value(), got.values()[i], at);
                    int k = r.indexOf(e.row());
                    assertTrue(k >= 0, "provenance of row " + e.row());
                    assertEquals(e.doc(), r.docs()[k], at);
                    assertEquals(e.tokens()[e.firing()], r.tokens()[k], at);
                    assertEquals(store.provenance(e.row(), 1).positions()[0], r.positions()[k], at);
                }
            }
            assertEquals(BrowseFixtures.DEAD, p.dead().length);
            assertTrue(t.fires(BrowseFixtures.PARIS_LATENT) > 0);
        }
    }
}
