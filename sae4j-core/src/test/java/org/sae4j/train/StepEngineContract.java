package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.Autoencoder;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.Preparation;
import org.sae4j.model.StepContext;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.nn.Parameter;

/**
 * The contract every {@link StepEngine} keeps, for every model (the shape of KernelsContract and
 * ModelContractTest): after a step each parameter's gradient is that of the batch's mean objective, and the result
 * holds the loss terms, the reconstruction and latents of every row in order. {@link LocalSteps} is the reference;
 * an engine declares a tolerance ({@link #tolerance}: 0 for bit-identical). Objectives that couple a batch's rows
 * (KL sparsity, the batch-wide selection of BatchTopK and Matryoshka) are held to bit-identity only when the engine does not split the
 * batch ({@link #splitsBatches}): split, they are a different objective, as under any data-parallel trainer.
 */
abstract class StepEngineContract {
    static final int ROWS = 48;
    private static final Dataset DATA = Normalizer.fit(Normalizer.Kind.MEAN_NORM,
            SyntheticSpec.parse("synthetic:features=40,dim=16,samples=" + ROWS + ",seed=5").dataset()).apply(
            SyntheticSpec.parse("synthetic:features=40,dim=16,samples=" + ROWS + ",seed=5").dataset());

    abstract StepEngine engine();

    /** Largest allowed |engine − local| relative to the largest |local| of each compared array. */
    abstract double tolerance();

    /** Whether the engine steps parts of a batch separately (then batch-coupled objectives are not compared). */
    abstract boolean splitsBatches();

    /** Every model: the deep autoencoders (KL, L1) and each SAE architecture. */
    static Stream<Arguments> models() {
        List<Arguments> all = new ArrayList<>();
        all.add(Arguments.of("deep KL", true, (Supplier<Model>) () -> Autoencoder.builder(16).encoder(12, 6)
                .codeActivation(org.sae4j.nn.Activation.SIGMOID).klSparsity(0.05, 0.1).seed(3).build()));
        all.add(Arguments.of("deep L1", false, (Supplier<Model>) () -> Autoencoder.builder(16).encoder(12, 6)
                .l1Activity(1e-3).seed(3).build()));
        for (Architecture a : Architecture.values()) {
            all.add(Arguments.of(a.id(), a == Architecture.BATCHTOPK || a == Architecture.MATRYOSHKA, (Supplier<Model>) () -> {
                SaeBuilder b = SaeBuilder.of(a, 16).width(64).seed(3);
                if (a.usesK()) {
                    b.k(4);
                }
                if (a == Architecture.MATRYOSHKA) {
                    b.groups(16, 16, 32);
                }
                Model m = b.build();
                m.prepare(new Preparation(null, DATA, Double.NaN));
                return m;
            }));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void matchesTheLocalStep(String name, boolean batchCoupled, Supplier<Model> make) {
        if (batchCoupled && splitsBatches()) {
            return;
        }
        StepContext context = new StepContext(null, 0.7, 0);
        Model local = make.get();
        BatchResult expected = LocalSteps.INSTANCE.step(local, DATA.values(), ROWS, context);
        Model other = make.get();
        BatchResult actual = engine().step(other, DATA.values(), ROWS, context);

        close(name + " reconstruction", expected.reconstruction(), actual.reconstruction());
        close(name + " penalty", expected.penalty(), actual.penalty());
        close(name + " aux", expected.aux(), actual.aux());
        close(name + " output", expected.output(), actual.output());
        float[] expectedCode = expected.sparse() != null ? expected.sparse().toDense() : expected.dense();
        float[] actualCode = actual.sparse() != null ? actual.sparse().toDense() : actual.dense();
        close(name + " latents", expectedCode, actualCode);
        assertEquals(Double.isNaN(expected.minKept()), Double.isNaN(actual.minKept()), name + " minKept");
        List<Parameter> want = local.parameters();
        List<Parameter> got = other.parameters();
        for (int i = 0; i < want.size(); i++) {
            close(name + " gradient of " + want.get(i).name(), want.get(i).grad(), got.get(i).grad());
        }
    }

    /** The JumpReLU of {@link #models}, whose thresholds follow a budget when a step gives one. */
    static Model budgetedJumpRelu() {
        Model m = SaeBuilder.of(Architecture.JUMPRELU, 16).width(64).seed(3).build();
        m.prepare(new Preparation(null, DATA, Double.NaN));
        return m;
    }

    /** The contract's batch. */
    static float[] rows() {
        return DATA.values();
    }

    /**
     * A budgeted JumpReLU step (budget 4.5) in both phases is a mean over rows (each row's top-k, or each latent's θ),
     * so it keeps the contract; its splits, a statistic of the whole batch, are the local step's when the engine does
     * not split the batch (a split engine's are {@link SplitStepsTest}'s).
     */
    @ParameterizedTest(name = "top-k selects {0}")
    @ValueSource(booleans = {true, false})
    void aBudgetedJumpReluStepMatchesTheLocalStep(boolean budgetSelects) {
        StepContext context = new StepContext(null, 1.0, 0, 4.5, budgetSelects);
        Model local = budgetedJumpRelu();
        BatchResult expected = LocalSteps.INSTANCE.step(local, DATA.values(), ROWS, context);
        Model other = budgetedJumpRelu();
        BatchResult actual = engine().step(other, DATA.values(), ROWS, context);
        close("reconstruction", expected.reconstruction(), actual.reconstruction());
        close("output", expected.output(), actual.output());
        close("latents", expected.sparse().toDense(), actual.sparse().toDense());
        assertTrue(expected.sparse().size() > 0, "no latent active");
        if (!splitsBatches()) {
            assertArrayEquals(expected.splits(), actual.splits(), "splits");
        }
        List<Parameter> want = local.parameters();
        List<Parameter> got = other.parameters();
        for (int i = 0; i < want.size(); i++) {
            close("gradient of " + want.get(i).name(), want.get(i).grad(), got.get(i).grad());
        }
    }

    private void close(String what, double expected, double actual) {
        if (tolerance() == 0) {
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what);
        } else {
            assertEquals(expected, actual, tolerance() * Math.max(1e-12, Math.abs(expected)), what);
        }
    }

    private void close(String what, float[] expected, float[] actual) {
        if (tolerance() == 0) {
            assertArrayEquals(expected, actual, what);
            return;
        }
        assertEquals(expected.length, actual.length, what);
        double scale = 1e-12;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance() * scale,
                    what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
