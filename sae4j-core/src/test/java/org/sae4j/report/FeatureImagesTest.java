package org.sae4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sae4j.model.Autoencoder;
import org.sae4j.nn.Activation;

/** Filters and code-unit decodings of a tiny model whose weights are set by hand, so every value is known. */
class FeatureImagesTest {

    /**
     * 4 inputs, 3 relu code units, linear output. Unit j's filter is column j of the encoder kernel; unit 2
     * has only negative weights, so on non-negative data it never fires (dead).
     */
    static Autoencoder handSetModel() {
        Autoencoder ae = Autoencoder.builder(4).encoder(3).activation(Activation.RELU)
                .outputActivation(Activation.LINEAR).build();
        float[] enc = ae.layers().get(0).weight().value();
        System.arraycopy(new float[] {
                1, 0, -1,
                0, 1, -1,
                0, 0, -1,
                0, -1, -1}, 0, enc, 0, enc.length);
        float[] dec = ae.layers().get(1).weight().value();
        System.arraycopy(new float[] {
                1, 2, 3, 4,
                0, -1, 0, 1,
                9, 9, 9, 9}, 0, dec, 0, dec.length);
        // A decoder bias must cancel out of the decodings: they subtract decode(zero code).
        java.util.Arrays.fill(ae.layers().get(1).bias().value(), 0.5f);
        return ae;
    }

    /** Codes (relu of x·W): unit 0 fires in 3 rows (max 3), unit 1 in 4 rows (max 4), unit 2 never. */
    static final float[] DATA = {
            2, 0, 0, 0,
            3, 1, 0, 0,
            1, 4, 0, 0,
            0, 0, 0, 0,
            0, 2, 0, 0,
            0, 3, 0, 0};
    static final int ROWS = 6;

    @Test
    void statsCountUsageAndTypicalHighActivation() {
        UnitStats s = FeatureImages.codeStats(handSetModel(), DATA, ROWS, null);
        assertArrayEquals(new float[] {3f / 6, 4f / 6, 0}, s.activeFraction(), 1e-6f);
        assertArrayEquals(new float[] {1, 10f / 6, 0}, s.meanActivation(), 1e-6f);
        assertArrayEquals(new float[] {3, 4, 0}, s.typicalHigh(), 0f); // 6 rows: the 99th percentile is the max
        assertArrayEquals(new int[] {1, 0, 2}, s.byUsage());
    }

    @Test
    void filtersAreEncoderColumnsMostUsedFirstDeadIncluded() {
        Autoencoder ae = handSetModel();
        FeatureImages.UnitVectors f = FeatureImages.firstLayerFilters(ae, FeatureImages.firstLayerStats(ae, DATA, ROWS), 3);
        assertArrayEquals(new int[] {1, 0, 2}, f.units());
        assertArrayEquals(new float[] {0, 1, 0, -1}, f.vectors()[0]);
        assertArrayEquals(new float[] {1, 0, 0, 0}, f.vectors()[1]);
        assertArrayEquals(new float[] {-1, -1, -1, -1}, f.vectors()[2]);
        assertEquals(3, f.totalUnits());

        FeatureImages.UnitVectors unordered = FeatureImages.firstLayerFilters(ae, null, 2);
        assertArrayEquals(new int[] {0, 1}, unordered.units());
        assertArrayEquals(new float[] {1, 0, 0, 0}, unordered.vectors()[0]);
    }

    @Test
    void decodingsAreWhatEachLiveUnitAddsAtItsTypicalHighActivation() {
        Autoencoder ae = handSetModel();
        UnitStats s = FeatureImages.codeStats(ae, DATA, ROWS, null);
        FeatureImages.UnitVectors d = FeatureImages.codeDecodings(ae, s, 64);
        assertArrayEquals(new int[] {1, 0}, d.units());
        assertEquals(1, d.skippedDead());
        assertEquals(3, d.totalUnits());
        assertArrayEquals(new float[] {4, 3}, d.activations());
        assertArrayEquals(new float[] {0, -4, 0, 4}, d.vectors()[0], 1e-6f);  // 4 × decoder row 1
        assertArrayEquals(new float[] {3, 6, 9, 12}, d.vectors()[1], 1e-6f);  // 3 × decoder row 0

        FeatureImages.UnitVectors one = FeatureImages.codeDecodings(ae, s, 1);
        assertArrayEquals(new int[] {1}, one.units());
        assertEquals(1, one.skippedDead(), "dead units are counted even when the limit is reached first");
    }

    @Test
    void typicalHighIsThe99thPercentileOfMagnitudeWithSignOrTheMaxForRareUnits() {
        int rows = 100;
        float[] a = new float[rows * 2];
        for (int i = 0; i < rows; i++) {
            a[i * 2] = -(i + 1) / 100f;  // unit 0: -0.01 .. -1.00, mostly negative like a tanh unit
        }
        a[7 * 2 + 1] = 5;               // unit 1: active in one sample of 100
        UnitStats s = UnitStats.of(a, rows, 2, 0.0);
        assertEquals(-0.99f, s.typicalHigh()[0], 1e-6f);
        assertEquals(5f, s.typicalHigh()[1]);
        assertEquals(0.01f, s.activeFraction()[1], 1e-6f);
    }
}
