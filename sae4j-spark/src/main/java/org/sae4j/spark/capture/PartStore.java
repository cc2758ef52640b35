package org.sae4j.spark.capture;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.sae4j.io.ActivationStoreWriter;
import org.sae4j.lm.capture.Capturer;
import org.sae4j.lm.capture.Document;
import org.sae4j.lm.capture.Rows;

/**
 * One partition's share of a store: its rows written as shards named by partition and shard number
 * ({@code shard-PPPPP-SSSSS.safetensors}, so name order is row order, as the store's readers list them), each ended
 * at a chunk's end once it holds {@code shardRows} rows, as {@code sae4j capture} cuts its shards. A re-run task
 * writes the same bytes to the same names (each file atomically), so a retried or speculative task changes nothing.
 */
final class PartStore {
    /** The most partitions whose shard names still sort in row order. */
    static final int MAX_PARTITIONS = 100_000;

    /** What partition {@code partition} wrote: shard files and their rows in order, the row width, documents, tokens run. */
    record Written(int partition, List<String> files, long[] rows, int width, long documents, long tokens) implements Serializable {
    }

    private PartStore() {
    }

    static Written write(int partition, Iterator<Document> documents, CaptureSpec spec, String dir) {
        Capturer c = Capturers.get(spec);
        PartitionChunks chunks = new PartitionChunks(c, documents);
        List<String> files = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        Rows pending = null;
        int width = 0;
        while (chunks.hasNext()) {
            Rows r = chunks.next();
            width = r.width();
            if (pending == null) {
                pending = r;
            } else {
                pending.addAll(r, 0, r.size());
            }
            if (pending.size() >= spec.shardRows() || !chunks.hasNext()) {
                String file = String.format("shard-%05d-%05d.safetensors", partition, files.size());
                ActivationStoreWriter.writeShard(Path.of(dir, file), spec.dtype(), width, pending.values(0), pending.size(),
                        pending.tokens(), pending.docs(), pending.positions());
                files.add(file);
                counts.add((long) pending.size());
                pending = null;
            }
        }
        return new Written(partition, files, counts.stream().mapToLong(Long::longValue).toArray(), width,
                chunks.documents(), chunks.tokensRun());
    }
}
