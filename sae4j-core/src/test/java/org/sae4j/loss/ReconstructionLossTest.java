package org.sae4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.InvalidInputException;
import org.sae4j.nn.GradientCheck;

class ReconstructionLossTest {

    @Test
    void mseByHand() {
        float[] grad = new float[2];
        double loss = ReconstructionLoss.MSE.evaluate(new float[] {1, 2}, new float[] {0, 4}, 2, grad);
        assertEquals(2.5, loss, 1e-12); // (1 + 4) / 2
        assertArrayEquals(new float[] {1f, -2f}, grad, 1e-7f); // 2 (p - t) / 2
    }

    @Test
    void bceByHand() {
        float[] grad = new float[2];
        double loss = ReconstructionLoss.BINARY_CROSS_ENTROPY.evaluate(new float[] {0.5f, 0.8f}, new float[] {1, 0}, 2, grad);
        assertEquals(1.1512925464970227, loss, 1e-7); // (ln 2 - ln 0.2) / 2
        // (p - t) / (p (1 - p)) / count: -0.5/0.25/2 = -1 and 0.8/0.16/2 = 2.5
        assertArrayEquals(new float[] {-1f, 2.5f}, grad, 1e-5f);
    }

    @Test
    void halfSseByHandIsPerSample() {
        float[] grad = new float[4];
        // rows {1, 2} vs {0, 4} and {0, 0} vs {1, 1}: ½ (1 + 4) and ½ (1 + 1), averaged over 2 rows
        double loss = ReconstructionLoss.HALF_SSE.evaluate(new float[] {1, 2, 0, 0}, new float[] {0, 4, 1, 1}, 2, 2, grad);
        assertEquals(1.75, loss, 1e-12);
        assertArrayEquals(new float[] {0.5f, -1f, -0.5f, -0.5f}, grad, 1e-7f);
        // MSE and BCE do not depend on how the values are split into rows
        float[] p = {0.2f, 0.4f, 0.6f, 0.9f};
        float[] t = {0.1f, 0.5f, 1f, 0f};
        assertEquals(ReconstructionLoss.MSE.evaluate(p, t, 4, null), ReconstructionLoss.MSE.evaluate(p, t, 2, 2, null), 1e-12);
        assertEquals(ReconstructionLoss.BINARY_CROSS_ENTROPY.evaluate(p, t, 4, null),
                ReconstructionLoss.BINARY_CROSS_ENTROPY.evaluate(p, t, 2, 2, null), 1e-12);
    }

    @Test
    void bceClampsSaturatedOutputs() {
        float[] grad = new float[2];
        double loss = ReconstructionLoss.BINARY_CROSS_ENTROPY.evaluate(new float[] {0f, 1f}, new float[] {1, 0}, 2, grad);
        assertEquals(16.11809565095832, loss, 1e-4); // -ln(1e-7), both terms
        assertTrue(Float.isFinite(grad[0]) && Float.isFinite(grad[1]), Arrays.toString(grad));
        assertTrue(grad[0] < 0 && grad[1] > 0);
        assertEquals(0.0, ReconstructionLoss.BINARY_CROSS_ENTROPY.evaluate(new float[] {1f}, new float[] {1f}, 1, null), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(ReconstructionLoss.class)
    void gradientMatchesFiniteDifferences(ReconstructionLoss loss) {
        Random r = new Random(loss.ordinal() + 1);
        int count = 24;
        float[] pred = new float[count];
        float[] target = new float[count];
        for (int i = 0; i < count; i++) {
            pred[i] = 0.05f + 0.9f * r.nextFloat();
            target[i] = i % 3 == 0 ? (i % 2) : r.nextFloat();
        }
        float[] grad = new float[count];
        double value = loss.evaluate(pred, target, count, grad);
        assertEquals(value, loss.evaluate(pred, target, count, null), 0.0, "grad == null gives the same value");
        // The loss is a mean over count values, so scale the tolerance's absolute part with it.
        GradientCheck.check(loss.id(), pred, grad, 1e-3f, 1e-5, 2e-2,
                () -> loss.evaluate(pred, target, count, null), i -> true);
    }

    @ParameterizedTest
    @EnumSource(ReconstructionLoss.class)
    void gradientIsWrittenNotAdded(ReconstructionLoss loss) {
        float[] pred = {0.3f, 0.7f};
        float[] target = {0.2f, 0.9f};
        float[] fresh = new float[2];
        loss.evaluate(pred, target, 2, fresh);
        float[] stale = {100f, -100f};
        loss.evaluate(pred, target, 2, stale);
        assertArrayEquals(fresh, stale);
    }

    @ParameterizedTest
    @EnumSource(ReconstructionLoss.class)
    void usesOnlyTheFirstCountValues(ReconstructionLoss loss) {
        float[] pred = {0.3f, 0.7f, 0.9f};
        float[] target = {0.2f, 0.9f, 0.0f};
        assertEquals(loss.evaluate(new float[] {0.3f, 0.7f}, new float[] {0.2f, 0.9f}, 2, null),
                loss.evaluate(pred, target, 2, null), 0.0);
    }

    @Test
    void parseAcceptsIdsAndAliases() {
        assertEquals(ReconstructionLoss.MSE, ReconstructionLoss.parse("mse"));
        assertEquals(ReconstructionLoss.MSE, ReconstructionLoss.parse(" MSE "));
        assertEquals(ReconstructionLoss.BINARY_CROSS_ENTROPY, ReconstructionLoss.parse("bce"));
        assertEquals(ReconstructionLoss.BINARY_CROSS_ENTROPY, ReconstructionLoss.parse("binary_crossentropy"));
        assertEquals(ReconstructionLoss.BINARY_CROSS_ENTROPY, ReconstructionLoss.parse("cross-entropy"));
        assertEquals(ReconstructionLoss.HALF_SSE, ReconstructionLoss.parse("sse"));
    }

    @Test
    void parseRejectsUnknownNamingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReconstructionLoss.parse("mae"));
        assertTrue(e.getMessage().contains("'mae'"), e.getMessage());
    }
}
