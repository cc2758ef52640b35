package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.eval.groundtruth.GroundTruthMetrics;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Adam;

/**
 * TopK with its default schedule on a task with Zipf-like firing (384 non-orthogonal features in R^96, a few common
 * and most rare; width 768, k 6, 100k samples, 5 epochs of batch 1024, Adam 1e-3), over two initialisations.
 * Issue 18 found sae4j's TopK recovering such features below PyTorch's reference trainer; two causes, both fixed:
 * AuxK's error counted in plain per-value units (1/(32·FVU) weaker than OpenAI and sparsify weigh it) and a
 * learning-rate warm-up that a coefficient-free SAE does not need. Before the fix this test measured a mean MMCS
 * of 0.805 and held-out FVU of 0.1265 (seeds 7, 8: 0.814/0.124, 0.796/0.129); after it 0.828 and 0.1176
 * (0.832/0.116, 0.824/0.119). The bars sit halfway. The side-by-side comparison with PyTorch on
 * four task shapes is scripts/compare-recovery.py (BENCHMARKS.md); a unit test cannot run PyTorch.
 */
class TopKZipfRecoveryTest {
    private static final String TASK = "synthetic:features=384,dim=96,active=6,dist=zipf,alpha=1,seed=3";
    private static final SyntheticSpec TRAIN = SyntheticSpec.parse(TASK + ",samples=100000");
    private static final SyntheticSpec HELD_OUT = SyntheticSpec.parse(TASK + ",samples=10000,start=100000");

    private record Result(double mmcs, double fvu) {
    }

    private static Result train(long seed) {
        SparseAutoencoder sae = SaeBuilder.of(Architecture.TOPK, 96).width(768).k(6).seed(seed).build();
        Trainer.fit(sae, TRAIN.dataset(), FitOptions.builder().epochs(5).batchSize(1024).seed(seed)
                .optimizer(() -> new Adam(1e-3)).normalization(Normalizer.Kind.NONE).build());
        EvalReport r = Metrics.evaluate(sae, HELD_OUT.dataset(), null);
        double mmcs = new GroundTruthMetrics(TRAIN.features(), 384, sae.decoderWeight().value(), 768, 96).mmcs();
        System.out.printf("seed %d: MMCS %.4f, held-out FVU %.4f, dead %.3f%n", seed, mmcs, r.fvu(), r.deadFraction());
        return new Result(mmcs, r.fvu());
    }

    @Test
    void recoversZipfFeaturesAsWellAsTheFixedTrainer() {
        Result a = train(7);
        Result b = train(8);
        double mmcs = (a.mmcs() + b.mmcs()) / 2;
        double fvu = (a.fvu() + b.fvu()) / 2;
        assertTrue(mmcs >= 0.816, "mean MMCS " + mmcs);
        assertTrue(fvu <= 0.122, "mean held-out FVU " + fvu);
    }
}
