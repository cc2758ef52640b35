package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sae4j.InvalidInputException;
import org.sae4j.loss.ReconstructionLoss;
import org.sae4j.nn.Activation;
import org.sae4j.nn.Dense;
import org.sae4j.nn.Parameter;

class ModelConfigTest {

    private static void assertRejected(Supplier<?> make, String... mustName) {
        InvalidInputException e = assertThrows(InvalidInputException.class, make::get);
        for (String s : mustName) {
            assertTrue(e.getMessage().contains(s), "message should name " + s + ": " + e.getMessage());
        }
    }

    @Test
    void klNeedsASigmoidCode() {
        assertRejected(() -> Autoencoder.builder(6).encoder(5, 3).activation(Activation.RELU).klSparsity(0.05, 3).config(),
                "KL", "relu");
        assertRejected(() -> Autoencoder.builder(6).encoder(5, 3).hiddenActivation(Activation.SIGMOID)
                .codeActivation(Activation.TANH).klSparsity(0.05, 3).config(), "tanh");
        // sigmoid code, relu hidden: fine
        Autoencoder.builder(6).encoder(5, 3).codeActivation(Activation.SIGMOID).klSparsity(0.05, 3).config();
    }

    @Test
    void bceNeedsASigmoidOutput() {
        assertRejected(() -> Autoencoder.builder(6).outputActivation(Activation.LINEAR)
                .loss(ReconstructionLoss.BINARY_CROSS_ENTROPY).config(), "cross-entropy", "linear");
        assertRejected(() -> Autoencoder.builder(6).outputActivation(Activation.TANH)
                .loss(ReconstructionLoss.BINARY_CROSS_ENTROPY).config(), "tanh");
        Autoencoder.builder(6).outputActivation(Activation.LINEAR).loss(ReconstructionLoss.MSE).config();
    }

    @Test
    void encoderMustHaveLayers() {
        assertRejected(() -> Autoencoder.builder(6).encoder().config(), "encoder", "no layers");
    }

    @Test
    void widthsMustBePositive() {
        assertRejected(() -> Autoencoder.builder(6).encoder(5, 0).config(), "encoder", "[5, 0]", "include 0");
        assertRejected(() -> Autoencoder.builder(6).encoder(-2).config(), "encoder", "-2");
        assertRejected(() -> Autoencoder.builder(6).encoder(5, 3).decoder(0).config(), "decoder", "include 0");
        assertRejected(() -> Autoencoder.builder(0).encoder(3).config(), "Input size 0");
    }

    @Test
    void penaltyWeightsAreValidated() {
        assertRejected(() -> Autoencoder.builder(6).l1Activity(-1).config(), "-1.0");
        assertRejected(() -> Autoencoder.builder(6).l1Weights(Double.NaN).config(), "NaN");
        assertRejected(() -> Autoencoder.builder(6).l2Weights(-0.5).config(), "-0.5");
        assertRejected(() -> Autoencoder.builder(6).klSparsity(1.5, 3), "rho=1.5");
    }

    @Test
    void defaultDecoderMirrorsEncoder() {
        ModelConfig c = Autoencoder.builder(10).encoder(8, 4, 2).config();
        assertArrayEquals(new int[] {4, 8}, c.decoderUnits());
        assertEquals(2, c.codeSize());
        assertEquals("10-8-4-2-4-8-10", c.describeShape());
        assertArrayEquals(new int[0], ModelConfig.mirror(new int[] {7}));
        assertArrayEquals(new int[] {64, 128}, ModelConfig.mirror(new int[] {128, 64, 32}));

        Autoencoder ae = new Autoencoder(c);
        List<Dense> layers = ae.layers();
        int[][] shapes = {{10, 8}, {8, 4}, {4, 2}, {2, 4}, {4, 8}, {8, 10}};
        assertEquals(shapes.length, layers.size());
        for (int i = 0; i < shapes.length; i++) {
            assertArrayEquals(shapes[i], layers.get(i).weight().shape(), "layer " + i);
        }
    }

    @Test
    void explicitDecoderIsKept() {
        ModelConfig c = Autoencoder.builder(10).encoder(8, 4).decoder(6, 7).config();
        assertArrayEquals(new int[] {6, 7}, c.decoderUnits());
        assertEquals("10-8-4-6-7-10", c.describeShape());
    }

    @Test
    void activationsLandOnTheRightLayers() {
        Autoencoder ae = Autoencoder.builder(6).encoder(5, 3).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).outputActivation(Activation.LINEAR).build();
        List<Activation> acts = ae.layers().stream().map(Dense::activation).toList();
        assertEquals(List.of(Activation.TANH, Activation.SIGMOID, Activation.TANH, Activation.LINEAR), acts);
        // activation(...) sets the code too; the default code activation follows the hidden one
        assertEquals(Activation.TANH, Autoencoder.builder(6).activation(Activation.TANH).config().codeActivation());
        assertEquals(Activation.RELU, Autoencoder.builder(6).config().codeActivation());
    }

    private static List<float[]> values(Autoencoder ae) {
        return ae.parameters().stream().map(p -> p.value().clone()).toList();
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferent() {
        List<float[]> a = values(Autoencoder.builder(6).encoder(5, 3).seed(42).build());
        List<float[]> b = values(Autoencoder.builder(6).encoder(5, 3).seed(42).build());
        List<float[]> c = values(Autoencoder.builder(6).encoder(5, 3).seed(43).build());
        assertEquals(a.size(), b.size());
        boolean anyDifferent = false;
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
            anyDifferent |= !Arrays.equals(a.get(i), c.get(i));
        }
        assertTrue(anyDifferent, "a different seed must change the weights");
        // every kernel differs and is non-zero; biases start at zero
        Autoencoder ae = Autoencoder.builder(6).encoder(5, 3).seed(42).build();
        List<Parameter> ps = ae.parameters();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).isKernel()) {
                assertFalse(Arrays.equals(a.get(i), c.get(i)), ps.get(i).name());
                assertNotEquals(0f, a.get(i)[0]);
            } else {
                assertArrayEquals(new float[ps.get(i).size()], a.get(i), ps.get(i).name());
            }
        }
    }

    @Test
    void configEqualityComparesArrayContents() {
        ModelConfig a = Autoencoder.builder(6).encoder(5, 3).seed(1).config();
        ModelConfig b = Autoencoder.builder(6).encoder(5, 3).seed(1).config();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Autoencoder.builder(6).encoder(5, 4).seed(1).config());
        assertNotEquals(a, Autoencoder.builder(6).encoder(5, 3).seed(2).config());
    }
}
