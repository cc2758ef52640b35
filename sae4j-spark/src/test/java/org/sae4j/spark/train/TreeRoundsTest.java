package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.io.ModelBytes;

/**
 * Five replicas merged in the fixed tree give the same model bytes whether the lower levels run on the executors
 * (groups of 2 or 4 replicas) or everything merges on the driver, and again on a second run.
 */
class TreeRoundsTest {
    private static final Dataset DATA = SyntheticSpec.parse("synthetic:features=32,dim=12,active=3,samples=1500,seed=4")
            .dataset();

    private static byte[] run(int bits) {
        TrainSettings settings = new TrainSettings(1, null, 150, 2, true, Normalizer.Kind.NONE, "adam", 3e-3, null, null,
                null, null, null, null, null);
        DistributedTrainer t = new DistributedTrainer(TestSpark.context(), settings, 3).partitions(5).groupBits(bits);
        return ModelBytes.of(t.fit(SaeBuilder.of(Architecture.TOPK, 12).width(40).k(3).seed(2).build(),
                TestSpark.rows(DATA, 2), "the test rows"));
    }

    @Test
    void theSameBytesAtEveryDepthAndOnEveryRun() {
        byte[] driver = run(0);
        assertArrayEquals(driver, run(1), "groups of 2");
        assertArrayEquals(driver, run(2), "groups of 4");
        assertArrayEquals(driver, run(0), "again");
    }
}
