package org.sae4j.spark.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.eval.latents.LatentProfiler;
import org.sae4j.eval.latents.LatentProfiles;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.eval.latents.RowOrigins;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.eval.DistributedProfile;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.spark.io.StoreFrame;

/**
 * The browser's pass over a store (one written by core's {@code BrowseBenchmark}, argument 1) on one machine and on
 * Spark in local mode with 1 and 2 partitions, the same TopK SAE (k 32, width argument 2): tokens/s of each, for
 * BENCHMARKS.md. Run from the test classpath; not a test.
 */
public final class SparkBrowseBenchmark {
    private SparkBrowseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ActivationStore store = ActivationStore.open(Path.of(args[0]));
        int width = Integer.parseInt(args[1]);
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, store.info().dModel()).width(width).k(32).seed(1).build();
        ProfileOptions o = ProfileOptions.defaults();
        long t0 = System.nanoTime();
        try (Shards raw = Shards.open(store.activationsSpec())) {
            LatentProfiles p = LatentProfiler.run(sae.encodeSparse(raw), width, RowOrigins.of(store), o);
            report("one machine (LatentProfiler)", p.rows(), t0);
        }
        byte[] bytes = ModelBytes.of(sae);
        for (int partitions : new int[] {1, 2, 1, 2}) { // the first two warm Spark up
            long t = System.nanoTime();
            LatentProfiles p = DistributedProfile.profile(TestSpark.context(), bytes,
                    StoreFrame.read(TestSpark.session(), store.dir().toString(), partitions), store.dir().toString(), o);
            report("Spark local, " + partitions + " partitions", p.rows(), t);
        }
    }

    private static void report(String what, long rows, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d tokens in %.1f s, %,.0f tokens/s%n", what, rows, s, rows / s);
    }
}
