package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.tensor.NamedArrays;

/** The dead-latent counters of replicas count samples since a latent fired anywhere, over all replicas' rows. */
class RoundMergeTest {
    private static Replica replica(int r, long rows, long... dead) {
        return new Replica(r, rows, new NamedArrays().put("run/dead", dead), 0, List.of(), null);
    }

    @Test
    void aLatentThatFiredNowhereCountsEveryReplicasRows() {
        long[] start = {50, 50, 0};
        // latent 0 fired on no replica; latent 1 fired on replica 1, 30 rows before its end; latent 2 on both
        long[] merged = RoundMerge.deadCounters(start, List.of(replica(0, 100, 150, 150, 10), replica(1, 80, 130, 30, 5)));
        assertArrayEquals(new long[] {230, 30, 5}, merged);
    }
}
