package org.sae4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Model;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.spark.TestSpark;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.train.Trainer;

/**
 * With one partition a distributed run is {@code Trainer.fit}: the same batches, the same steps, restored between
 * rounds, so the model file (weights, buffers, normaliser, history, sparsity control) is the same bytes. Rounds of
 * 5 steps end inside epochs of 16 steps, and the budget ends inside a pass.
 */
class OnePartitionTest {
    static final Dataset DATA = SyntheticSpec.parse("synthetic:features=48,dim=16,active=3,samples=2000,seed=3").dataset();

    static Model sae(Architecture a) {
        SaeBuilder b = SaeBuilder.of(a, 16).width(64).seed(7);
        if (a.usesK()) {
            b.k(4);
        }
        return b.build();
    }

    static TrainSettings settings(Architecture a) {
        return new TrainSettings(2, 5000L, 128, 11, true, Normalizer.Kind.MEAN_NORM, "adam", 3e-3, null, 0.2, null, null,
                null, null, a == Architecture.STANDARD || a == Architecture.JUMPRELU ? 4.0 : null);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"TOPK", "BATCHTOPK", "STANDARD", "JUMPRELU"})
    void onePartitionIsTrainerFitBitForBit(Architecture a) {
        Model local = sae(a);
        Trainer.fit(local, DATA, settings(a).fitOptions(local));
        Model spread = new DistributedTrainer(TestSpark.context(), settings(a), 5)
                .fit(sae(a), TestSpark.rows(DATA, 3).coalesce(1), "the test rows");
        assertArrayEquals(ModelBytes.of(local), ModelBytes.of(spread), a.id());
    }
}
