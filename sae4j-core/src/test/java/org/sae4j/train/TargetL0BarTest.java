package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.Metrics;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.optim.Adam;

/**
 * Issue 18's bars for {@code --target-l0}, on two small synthetic tasks of different shapes (Zipf firing with
 * uniform coefficients in R^40, uniform firing in R^24) and the embedded Fashion-MNIST images, at the learning rate
 * the CLI gives: the held-out L0 (fresh rows, another seed; the images train holds out) lands within 10% of the
 * target; JumpReLU and gated, whose thresholds follow a top-k budget, reconstruct within 1.5x of TopK's FVU at
 * k = target in the same budget (measured 1.00x to 1.06x; the λ steered before reached 1.4x to 2.1x for JumpReLU);
 * and all three within 5% of a fixed coefficient bisected to their L0 ({@link HandSweep}). JumpReLU and gated beat
 * it (JumpReLU 0.219 against 0.559, 0.176 against 0.660, 0.149 against 0.184); standard, whose coefficient is
 * searched ({@link CoefficientSearch}), matches it (0.850 against 0.849, 0.448 against 0.467, 0.497 against 0.497,
 * where the λ steered in one run reached 0.929, 0.696 and 0.709).
 */
class TargetL0BarTest {
    private static final double LAMBDA = 1e-3;

    private record Task(Dataset train, Dataset heldOut, int width, int epochs, Normalizer.Kind scale) {
        static Task of(String name) {
            if (name.equals("images")) {
                Dataset all = DataSources.resolve(DataSources.EMBEDDED);
                return new Task(all.slice(0, all.rows() - 1000), DataSources.resolve(DataSources.EMBEDDED_HELD_OUT), 512, 10,
                        Normalizer.Kind.MIN_MAX);
            }
            String spec = switch (name) {
                case "zipf40" -> "synthetic:features=160,dim=40,active=5,dist=zipf,alpha=1,coeff=uniform,coeffmin=0,coeffmax=1";
                case "uniform24" -> "synthetic:features=72,dim=24,active=3,coeff=uniform,coeffmin=0,coeffmax=1";
                default -> throw new IllegalArgumentException(name);
            };
            int width = name.equals("zipf40") ? 320 : 144;
            return new Task(SyntheticSpec.parse(spec + ",samples=24000,seed=3").dataset(),
                    SyntheticSpec.parse(spec + ",samples=6000,seed=3,start=24000").dataset(), width, 5, Normalizer.Kind.NONE);
        }
    }

    private static SparseAutoencoder train(Architecture arch, Task task, double lambda, SparsityTarget target) {
        return train(SaeBuilder.of(arch, task.train().cols()).width(task.width()).coefficient(lambda), task, target);
    }

    private static SparseAutoencoder train(SaeBuilder builder, Task task, SparsityTarget target) {
        SparseAutoencoder sae = builder.build();
        Trainer.fit(sae, task.train(), FitOptions.builder().epochs(task.epochs()).batchSize(256).seed(1)
                .optimizer(() -> new Adam(SaeBuilder.defaultLearningRate(task.width()))).normalization(task.scale())
                .sparsityTarget(target).build());
        return sae;
    }

    /** TopK at k = target on each task, trained once for the cases that compare with it. */
    private static final Map<String, EvalReport> TOP_K = new ConcurrentHashMap<>();

    @ParameterizedTest
    @CsvSource({"JUMPRELU, zipf40, 6", "JUMPRELU, uniform24, 4", "JUMPRELU, images, 20", "GATED, zipf40, 6",
            "GATED, uniform24, 4", "GATED, images, 20"})
    void aBudgetedRunComesWithinOneAndAHalfTimesTopKsFvu(Architecture arch, String name, double targetL0) {
        Task task = Task.of(name);
        EvalReport reached = Metrics.evaluate(train(arch, task, LAMBDA, SparsityTarget.l0(targetL0)), task.heldOut(), null);
        int k = (int) targetL0;
        EvalReport top = TOP_K.computeIfAbsent(name, n -> Metrics.evaluate(train(
                SaeBuilder.of(Architecture.TOPK, task.train().cols()).width(task.width()).k(k), task, null),
                task.heldOut(), null));
        System.out.printf("%s %s target %.1f: held-out L0 %.3f, FVU %.4f; TOPK k %d: FVU %.4f (%.2fx)%n", arch, name,
                targetL0, reached.l0(), reached.fvu(), k, top.fvu(), reached.fvu() / top.fvu());
        assertEquals(targetL0, reached.l0(), 0.1 * targetL0, "held-out L0");
        assertTrue(reached.fvu() <= 1.5 * top.fvu(), arch + " FVU " + reached.fvu() + " against topk's " + top.fvu());
    }

    /**
     * Gated's second bar: at the L0 its target run reaches, its FVU is within 5% of a fixed λ bisected to that L0
     * ({@link HandSweep}). Measured: FVU 0.216 against 0.257 (zipf40), 0.173 against 0.188 (uniform24), 0.149 against
     * 0.934 (the images, where a fixed λ that holds L0 21 leaves the gate path alone reconstructing): the budget's top-k
     * training beats the L1 path. With λ steered toward the target instead it read 0.489 against 0.296 and 0.252
     * against 0.191 (at Adam 1e-3).
     */
    @ParameterizedTest
    @CsvSource({"GATED, zipf40, 6", "GATED, uniform24, 4", "GATED, images, 20", "STANDARD, zipf40, 6",
            "STANDARD, uniform24, 4", "STANDARD, images, 20", "JUMPRELU, zipf40, 6", "JUMPRELU, uniform24, 4",
            "JUMPRELU, images, 20"})
    void reconstructsWithinFivePercentOfAHandSweptCoefficient(Architecture arch, String name, double targetL0) {
        Task task = Task.of(name);
        EvalReport reached = Metrics.evaluate(train(arch, task, LAMBDA, SparsityTarget.l0(targetL0)), task.heldOut(), null);
        // Each sweep starts near where its fixed λ reach these targets: 0.03 for standard and gated (their default 1e-3
        // is far denser), jumprelu's default 1e-4.
        double ev = HandSweep.explainedVarianceAt(reached.l0(), arch == Architecture.JUMPRELU ? 1e-4 : 0.03,
                lambda -> Metrics.evaluate(train(arch, task, lambda, null), task.heldOut(), null));
        System.out.printf("%s %s target %.1f: held-out L0 %.3f, FVU %.4f; fixed λ at that L0: FVU %.4f%n", arch, name,
                targetL0, reached.l0(), reached.fvu(), 1 - ev);
        assertEquals(targetL0, reached.l0(), 0.1 * targetL0, "held-out L0");
        assertTrue(reached.fvu() <= 1.05 * (1 - ev), arch + " FVU " + reached.fvu() + " against a fixed λ's " + (1 - ev));
    }
}
