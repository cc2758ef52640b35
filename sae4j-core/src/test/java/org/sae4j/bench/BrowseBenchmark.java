package org.sae4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.eval.latents.ProfileOptions;
import org.sae4j.io.ActivationStoreWriter;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.report.browse.BrowseData;
import org.sae4j.report.browse.BrowseSite;
import org.sae4j.report.browse.Browser;

/**
 * Not a test: the browse pass's speed and memory. Writes (once) an activation store of synthetic rows (sums of a
 * few of 4,096 fixed directions, tokens and 256-token documents), then profiles a 16,384-latent TopK SAE (k 32) over
 * it and writes the site, printing rows/s of the pass, the seconds of the site and the peak RSS.
 * {@code java --add-modules jdk.incubator.vector -cp ... org.sae4j.bench.BrowseBenchmark DIR [rows] [d] [latents]}
 */
public final class BrowseBenchmark {
    private BrowseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 2_097_152L;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int width = args.length > 3 ? Integer.parseInt(args[3]) : 16_384;
        Path store = dir.resolve("store");
        if (!Files.exists(store)) {
            write(store, rows, d);
        }
        ActivationStore s = ActivationStore.open(store);
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, d).width(width).k(32).seed(1).build();
        if (Boolean.getBoolean("baseline")) { // the encode alone, for the share the profiling adds
            long tb = System.nanoTime();
            long entries = 0;
            try (Shards shards = Shards.open(store.toString())) {
                for (org.sae4j.tensor.SparseCode c : sae.encodeSparse(shards)) {
                    entries += c.size();
                }
            }
            double secs = (System.nanoTime() - tb) / 1e9;
            System.out.printf(Locale.ROOT, "encode only: %.1f s, %,.0f rows/s (%,d firings)%n", secs, s.rows() / secs, entries);
        }
        long t0 = System.nanoTime();
        BrowseData b;
        try (Shards shards = Shards.open(store.toString())) {
            b = Browser.measure(sae, shards, s, null, ProfileOptions.defaults(), "bench", "synthetic store");
            double pass = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "pass: %,d rows x %d, %,d latents: %.1f s, %,.0f rows/s; peak RSS so far %,d MB%n",
                    s.rows(), d, width, pass, s.rows() / pass, peakRssMb());
            long t1 = System.nanoTime();
            BrowseSite.write(b, dir.resolve("site"), BrowseSite.DOCUMENTS);
            System.out.printf(Locale.ROOT, "site: %,d latent pages in %.1f s; peak RSS %,d MB; max heap %,d MB%n",
                    width - b.profiles().dead().length, (System.nanoTime() - t1) / 1e9, peakRssMb(),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static void write(Path store, long rows, int d) {
        ActivationStoreWriter w = ActivationStoreWriter.create(store, new StoreInfo("synthetic", "none", 0, d, "F32", 256,
                null, "synthetic", 0, List.of()));
        SplittableRandom r = new SplittableRandom(42);
        int features = 4096;
        float[] dirs = new float[features * d];
        for (int i = 0; i < dirs.length; i++) {
            dirs[i] = (float) r.nextGaussian() / (float) Math.sqrt(d);
        }
        int shard = 65_536;
        for (long from = 0; from < rows; from += shard) {
            int n = (int) Math.min(shard, rows - from);
            float[] a = new float[n * d];
            int[] tokens = new int[n];
            long[] docs = new long[n];
            int[] pos = new int[n];
            for (int i = 0; i < n; i++) {
                long row = from + i;
                for (int f = 0; f < 8; f++) {
                    int feat = (int) Math.min(features - 1, (long) (features * Math.pow(r.nextDouble(), 2)));
                    float c = (float) r.nextDouble() * 3;
                    for (int j = 0; j < d; j++) {
                        a[i * d + j] += c * dirs[feat * d + j];
                    }
                }
                tokens[i] = r.nextInt(50_000);
                docs[i] = row / 256;
                pos[i] = (int) (row % 256);
            }
            w.append(a, n, tokens, docs, pos, (from + n) / 256);
        }
    }

    static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        }
        return -1;
    }
}
