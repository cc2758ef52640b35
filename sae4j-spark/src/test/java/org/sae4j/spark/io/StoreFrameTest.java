package org.sae4j.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.report.browse.BrowseFixtures;
import org.sae4j.spark.TestSpark;

/**
 * A store of 2,500 tokens in 3 shards read as a DataFrame, one partition per shard and in 4 even ranges, is the
 * store as core reads it: every row's number, activations, token, document and position, in store order.
 */
class StoreFrameTest {
    @Test
    void theFrameIsTheStore(@TempDir Path dir) throws Exception {
        ActivationStore store = BrowseFixtures.store(dir, 2500);
        int n = (int) store.rows();
        int d = BrowseFixtures.D;
        float[] values = new float[n * d];
        try (Shards shards = Shards.open(store.activationsSpec())) {
            shards.read(0, n, values, 0);
        }
        ActivationStore.Provenance p = store.provenance(0, n);
        for (int partitions : new int[] {0, 4}) {
            Dataset<Row> frame = StoreFrame.read(TestSpark.session(), store.dir().toString(), partitions);
            assertEquals(partitions == 0 ? 3 : 4, frame.rdd().getNumPartitions());
            assertEquals(StoreFrame.SCHEMA, frame.schema());
            List<Row> rows = frame.collectAsList();
            assertEquals(n, rows.size());
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                assertEquals(i, r.getLong(0));
                List<Float> a = r.getList(1);
                for (int j = 0; j < d; j++) {
                    assertEquals(values[i * d + j], a.get(j), "row " + i + " value " + j);
                }
                assertEquals(p.tokens()[i], r.getInt(2), "token of row " + i);
                assertEquals(p.docs()[i], r.getLong(3), "document of row " + i);
                assertEquals(p.positions()[i], r.getInt(4), "position of row " + i);
            }
        }
    }
}
