package org.sae4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sae4j.data.Shards;
import org.sae4j.data.Prefetcher;
import org.sae4j.data.ShuffleBuffer;
import org.sae4j.data.StreamingData;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/**
 * Not a test: reads a folder of .npy shards (or an activation store) through the shuffle buffer and prefetcher and
 * prints GB/s and rows/s, then trains a D -> 4096 TopK SAE on it for a while and prints how long the steps waited for
 * data.
 * {@code java --add-modules jdk.incubator.vector -cp ... org.sae4j.bench.ShardReadBenchmark DIR [GB to create] [train samples]}
 */
public final class ShardReadBenchmark {
    private ShardReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args.length > 1 && !Files.exists(dir)) {
            double gb = Double.parseDouble(args[1]);
            Files.createDirectories(dir);
            long rowsPerShard = (512L << 20) / (784 * 4);
            int shards = (int) Math.ceil(gb * (1L << 30) / (rowsPerShard * 784 * 4));
            for (int i = 0; i < shards; i++) {
                org.sae4j.data.TestShards.write(dir.resolve(String.format("part-%03d.npy", i)), rowsPerShard, 784, i);
            }
            System.out.printf("wrote %d shards of %d rows x 784 float32%n", shards, rowsPerShard);
        }
        Shards reader = Shards.open(dir.toString());
        double gb = reader.rows() * (double) reader.cols() * 4 / 1e9;
        int batch = 1024;
        long steps = reader.rows() / batch;
        long start = System.nanoTime();
        try (Prefetcher p = new Prefetcher(new ShuffleBuffer(reader, 0, reader.rows(), StreamingData.BUFFER_VALUES / reader.cols(),
                true, 1), s -> batch, 0, steps, s -> false, 4)) {
            for (long s = 0; s < steps; s++) {
                p.next();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("read %.2f GB (%,d rows of %d) through the shuffle buffer in %.1f s: %.2f GB/s, %,.0f rows/s%n", gb,
                reader.rows(), reader.cols(), seconds, gb / seconds, reader.rows() / seconds);

        long samples = args.length > 2 ? Long.parseLong(args[2]) : 100_000;
        SparseAutoencoder sae = SaeBuilder.of(Architecture.parse("topk"), reader.cols()).width(4096).k(32).seed(1).build();
        Trainer trainer = new Trainer(FitOptions.builder().batchSize(batch).samples(samples).build());
        start = System.nanoTime();
        trainer.fit(sae, StreamingData.open(dir.toString(), 0.01, true, 1));
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("trained a %d->4096 TopK SAE on %,d samples in %.1f s (%,.0f samples/s); the steps waited "
                + "%.2f s for data (%s)%n", reader.cols(), samples, seconds, samples / seconds, trainer.dataWaitSeconds(),
                trainer.dataWaitSeconds() < 0.05 * seconds ? "training did not wait on data" : "training waited on data");
    }
}
