package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.io.ModelBytes;

/**
 * A round is a pure function of the broadcast state and the partition's rows: the same run twice gives the same
 * bytes, a task that fails mid-round and is re-run by Spark changes nothing, and a run stopped after a checkpoint
 * continues from it to the bytes of an unbroken run.
 */
class DurableRunTest {
    private static byte[] unbroken;

    private static DistributedTrainer trainer() {
        return new DistributedTrainer(TestSpark.context(), OnePartitionTest.settings(Architecture.BATCHTOPK), 4).partitions(2);
    }

    private static byte[] run(DistributedTrainer t) {
        Model m = t.fit(OnePartitionTest.sae(Architecture.BATCHTOPK), TestSpark.rows(OnePartitionTest.DATA, 3), "the test rows");
        return ModelBytes.of(m);
    }

    @BeforeAll
    static void unbrokenRun() {
        unbroken = run(trainer());
    }

    @Test
    void theSameRunGivesTheSameBytes() {
        assertArrayEquals(unbroken, run(trainer()));
    }

    @Test
    void aTaskThatFailsMidRunIsRerunWithoutChangingTheResult() {
        assertArrayEquals(unbroken, run(trainer().failFirstAttemptOfRound(3)));
    }

    @Test
    void aStoppedRunResumesFromItsLastCheckpointExactly(@TempDir Path dir) throws Exception {
        String ckpt = dir.resolve("ckpt").toString();
        AtomicLong rounds = new AtomicLong();
        // Stands in for a driver killed after its 7th round: checkpoints came after rounds 3 and 6.
        DistributedTrainer first = trainer().checkpoints(ckpt, 3).listener((round, step, total, finished) -> {
            rounds.set(round);
            if (round == 7) {
                throw new IllegalStateException("killed");
            }
        });
        assertThrows(IllegalStateException.class, () -> run(first));
        assertEquals(7, rounds.get());
        assertTrue(Files.exists(dir.resolve("ckpt/round-00000006.ckpt")));
        DistributedTrainer second = trainer().checkpoints(ckpt, 3).listener((round, step, total, finished) -> rounds.set(round));
        byte[] resumed = run(second);
        assertEquals(6 + second.report().rounds(), rounds.get(), "the resumed run starts after round 6");
        assertArrayEquals(unbroken, resumed);
    }
}
