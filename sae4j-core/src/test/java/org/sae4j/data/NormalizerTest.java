package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.sae4j.data.Fixtures.userError;

import org.junit.jupiter.api.Test;
import org.sae4j.data.Normalizer.Kind;

class NormalizerTest {
    /** Columns {0, 2, 4} and {10, 20, 30}: easy to do by hand. */
    private static final Dataset TINY = new Dataset("tiny", new float[] {0, 10, 2, 20, 4, 30}, 3, 2, new int[] {1, 2, 3});

    @Test
    void minMaxUsesOneGlobalRange() {
        Normalizer n = Normalizer.fit(Kind.MIN_MAX, TINY);
        assertArrayEquals(new float[] {0}, n.offset());
        assertArrayEquals(new float[] {1f / 30}, n.scale(), 1e-7f);
        Dataset out = n.apply(TINY);
        assertArrayEquals(new float[] {0, 1 / 3f, 2 / 30f, 2 / 3f, 4 / 30f, 1}, out.values(), 1e-6f);
        assertArrayEquals(TINY.labels(), out.labels());
        assertEquals("tiny", out.name());
        assertArrayEquals(new float[] {0, 10, 2, 20, 4, 30}, TINY.values(), "input must stay untouched");
    }

    @Test
    void standardizeUsesPerFeaturePopulationStd() {
        Normalizer n = Normalizer.fit(Kind.STANDARDIZE, TINY);
        assertArrayEquals(new float[] {2, 20}, n.offset());
        // population variance: (4 + 0 + 4) / 3 = 8/3 and (100 + 0 + 100) / 3 = 200/3
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(8.0 / 3)), (float) (1 / Math.sqrt(200.0 / 3))}, n.scale(), 1e-6f);
        float z = (float) Math.sqrt(1.5); // 2 / sqrt(8/3) = 10 / sqrt(200/3)
        assertArrayEquals(new float[] {-z, -z, 0, 0, z, z}, n.apply(TINY).values(), 1e-5f);
    }

    @Test
    void constantDataGetsScaleOne() {
        Dataset flat = new Dataset("flat", new float[] {5, 5, 5, 5}, 2, 2);
        Normalizer minMax = Normalizer.fit(Kind.MIN_MAX, flat);
        assertArrayEquals(new float[] {1}, minMax.scale());
        assertArrayEquals(new float[] {0, 0, 0, 0}, minMax.apply(flat).values());
        Normalizer std = Normalizer.fit(Kind.STANDARDIZE, flat);
        assertArrayEquals(new float[] {1, 1}, std.scale());
        assertArrayEquals(new float[] {0, 0, 0, 0}, std.apply(flat).values());
    }

    @Test
    void noneIsIdentityWithEmptyArrays() {
        Normalizer n = Normalizer.fit(Kind.NONE, TINY);
        assertEquals(0, n.offset().length);
        assertEquals(0, n.scale().length);
        assertSame(TINY, n.apply(TINY));
        assertArrayEquals(new float[] {3, 4}, n.invert(new float[] {3, 4}));
    }

    @Test
    void invertUndoesApply() {
        for (Kind kind : Kind.values()) {
            Normalizer n = Normalizer.fit(kind, TINY);
            assertArrayEquals(TINY.values(), n.invert(n.apply(TINY).values()), 1e-5f, kind.toString());
        }
    }

    @Test
    void applyRejectsOtherWidthForStandardize() {
        Normalizer n = Normalizer.fit(Kind.STANDARDIZE, TINY);
        Dataset wide = new Dataset("wide", new float[3], 1, 3);
        userError(() -> n.apply(wide), "Data 'wide' has 3 features", "expects 2");
    }

    @Test
    void parsesAcceptedNames() {
        assertEquals(Kind.NONE, Normalizer.parse("none"));
        assertEquals(Kind.MIN_MAX, Normalizer.parse("minmax"));
        assertEquals(Kind.MIN_MAX, Normalizer.parse("Min-Max"));
        assertEquals(Kind.STANDARDIZE, Normalizer.parse("standardize"));
        assertEquals(Kind.STANDARDIZE, Normalizer.parse(" standardise "));
        userError(() -> Normalizer.parse("zscore"), "Normalization 'zscore' is not recognised",
                "expected one of none, minmax", "standardize");
    }

    @Test
    void fitRejectsEmptyData() {
        Dataset empty = new Dataset("empty", new float[0], 0, 4);
        userError(() -> Normalizer.fit(Kind.MIN_MAX, empty), "Data 'empty' has no rows");
    }
}
