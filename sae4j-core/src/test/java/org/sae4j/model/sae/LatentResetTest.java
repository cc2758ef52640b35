package org.sae4j.model.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.model.ParameterSlice;
import org.sae4j.nn.Parameter;

/**
 * A reset latent's rows against hand-worked numbers: the decoder row at the mean live decoder norm along the target
 * about b_dec, the encoder row at 0.2 times the mean live encoder norm along what the latent should detect (the same
 * direction for an SAE, x itself for a transcoder), its bias 0; and the slices it reports.
 */
class LatentResetTest {

    @Test
    void anSaeLatentPointsAtTheInputAboutTheDecoderBias() {
        // Live encoder rows (3, 4) and (0, 1): mean norm 3; live decoder rows (0, 2) and (0, 4): mean norm 3.
        Parameter wEnc = parameter(3, 2, 3, 4, 9, 9, 0, 1);
        Parameter wDec = parameter(3, 2, 0, 2, 9, 9, 0, 4);
        Parameter bEnc = parameter(1, 3, 1, 7, 1);
        // Input (4, 5) about b_dec (1, 1) is (3, 4): unit (0.6, 0.8).
        List<ParameterSlice> slices = LatentReset.apply(wEnc, bEnc, wDec, new float[] {1, 1}, 2, 2, false,
                new boolean[] {false, true, false}, new int[] {1}, new float[] {4, 5});
        assertArrayEquals(new float[] {1.8f, 2.4f}, Arrays.copyOfRange(wDec.value(), 2, 4), 1e-6f);
        assertArrayEquals(new float[] {0.36f, 0.48f}, Arrays.copyOfRange(wEnc.value(), 2, 4), 1e-6f);
        assertArrayEquals(new float[] {1, 0, 1}, bEnc.value());
        assertEquals(List.of(new ParameterSlice(wEnc, 2, 4), new ParameterSlice(wDec, 2, 4),
                new ParameterSlice(bEnc, 1, 2)), slices);
    }

    @Test
    void aTranscoderLatentWritesTheTargetsDirectionAndDetectsTheInputs() {
        // d 2, d_out 3, latents 1 and 3 dead. Live encoder rows (3, 4) and (0, 1): mean norm 3; live decoder rows
        // (2, 0, 0) and (0, 0, 4): mean norm 3.
        Parameter wEnc = parameter(4, 2, 3, 4, 9, 9, 0, 1, 9, 9);
        Parameter wDec = parameter(4, 3, 2, 0, 0, 9, 9, 9, 0, 0, 4, 9, 9, 9);
        Parameter bEnc = parameter(1, 4, 1, 7, 1, 7);
        float[] bDec = {1, 1, 1};
        // Rows [x | y]: y − b_dec is (0, 3, 4) and (0, 0, 2); x is (6, 8) and (0, −2), not shifted by b_dec.
        float[] rows = {6, 8, 1, 4, 5, 0, -2, 1, 1, 3};
        List<ParameterSlice> slices = LatentReset.apply(wEnc, bEnc, wDec, bDec, 2, 3, true,
                new boolean[] {false, true, false, true}, new int[] {1, 3}, rows);
        assertArrayEquals(new float[] {0, 1.8f, 2.4f}, Arrays.copyOfRange(wDec.value(), 3, 6), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 3}, Arrays.copyOfRange(wDec.value(), 9, 12), 1e-6f);
        assertArrayEquals(new float[] {0.36f, 0.48f}, Arrays.copyOfRange(wEnc.value(), 2, 4), 1e-6f);
        assertArrayEquals(new float[] {0, -0.6f}, Arrays.copyOfRange(wEnc.value(), 6, 8), 1e-6f);
        assertArrayEquals(new float[] {1, 0, 1, 0}, bEnc.value());
        assertEquals(List.of(new ParameterSlice(wEnc, 2, 4), new ParameterSlice(wDec, 3, 6),
                new ParameterSlice(bEnc, 1, 2), new ParameterSlice(wEnc, 6, 8), new ParameterSlice(wDec, 9, 12),
                new ParameterSlice(bEnc, 3, 4)), slices);
    }

    private static Parameter parameter(int rows, int cols, float... values) {
        Parameter p = new Parameter("p", new int[] {rows, cols}, true);
        System.arraycopy(values, 0, p.value(), 0, values.length);
        return p;
    }
}
