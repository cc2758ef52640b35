package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.Metrics;
import org.sae4j.eval.groundtruth.GroundTruthMetrics;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.spark.TestSpark;
import org.sae4j.train.Trainer;

/**
 * Periodic model averaging learns what one machine learns: on a superposition task with known features, two
 * partitions reach the single-machine MMCS within 0.01 and its FVU within 10% on the same number of samples
 * (8 epochs of 16,000 rows; rounds of 16 steps).
 */
class TwoPartitionsTest {
    private static final SyntheticSpec SPEC = SyntheticSpec.parse("synthetic:features=64,dim=32,active=3,samples=16000,seed=5");
    private static final Dataset DATA = SPEC.dataset();

    private static SparseAutoencoder sae() {
        return SaeBuilder.of(Architecture.TOPK, 32).width(128).k(3).seed(1).build();
    }

    private static TrainSettings settings() {
        return new TrainSettings(8, null, 256, 1, true, Normalizer.Kind.NONE, "adam", 4e-3, null, null, null, null, null,
                null, null);
    }

    @Test
    void twoPartitionsRecoverTheFeaturesAsOneMachineDoes() {
        SparseAutoencoder one = sae();
        long t0 = System.nanoTime();
        Trainer.fit(one, DATA, settings().fitOptions(one));
        long t1 = System.nanoTime();
        DistributedTrainer trainer = new DistributedTrainer(TestSpark.context(), settings(), 16).partitions(2);
        SparseAutoencoder two = (SparseAutoencoder) trainer.fit(sae(), TestSpark.rows(DATA, 1), "the synthetic rows");
        long t2 = System.nanoTime();
        System.out.println(trainer.report());
        double mmcsOne = mmcs(one);
        double mmcsTwo = mmcs(two);
        double fvuOne = Metrics.evaluate(one, DATA, null).fvu();
        double fvuTwo = Metrics.evaluate(two, DATA, null).fvu();
        System.out.printf("one machine: MMCS %.4f FVU %.4f (%.1f s); two partitions: MMCS %.4f FVU %.4f (%.1f s)%n",
                mmcsOne, fvuOne, (t1 - t0) / 1e9, mmcsTwo, fvuTwo, (t2 - t1) / 1e9);
        assertTrue(mmcsOne > 0.95, "the task is learnable here: MMCS " + mmcsOne);
        assertTrue(Math.abs(mmcsTwo - mmcsOne) <= 0.01, "MMCS " + mmcsTwo + " against " + mmcsOne);
        assertTrue(Math.abs(fvuTwo - fvuOne) <= 0.1 * fvuOne, "FVU " + fvuTwo + " against " + fvuOne);
    }

    private static double mmcs(SparseAutoencoder sae) {
        return new GroundTruthMetrics(SPEC.features(), SPEC.numFeatures(), sae.decoderWeight().value(), sae.latentSize(),
                SPEC.dim()).mmcs();
    }
}
