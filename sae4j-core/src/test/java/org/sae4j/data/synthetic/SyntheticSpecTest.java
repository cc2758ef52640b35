package org.sae4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sae4j.InvalidInputException;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;

class SyntheticSpecTest {

    private static String userError(String spec, String... fragments) {
        String message = assertThrows(InvalidInputException.class, () -> SyntheticSpec.parse(spec)).getMessage();
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "message lacks '" + f + "': " + message);
        }
        assertTrue(message.endsWith("."), message);
        assertFalse(message.contains("\n"), message);
        return message;
    }

    @Test
    void bareWordGivesTheTextbookTask() {
        SyntheticSpec s = SyntheticSpec.parse("synthetic");
        assertEquals(SyntheticSpec.defaults(), s);
        assertEquals(512, s.numFeatures());
        assertEquals(128, s.dim());
        assertEquals(5.0, s.active());
        assertEquals(200_000, s.samples());
        assertEquals(SyntheticSpec.Dist.UNIFORM, s.dist());
        assertEquals(SyntheticSpec.Coeff.UNIFORM, s.coeff());
        assertEquals(0.0, s.coeffMin());
        assertEquals(1.0, s.coeffMax());
        assertEquals(0, s.hierarchy());
        assertEquals(0.0, s.correlation());
        assertEquals(SyntheticSpec.defaults(), SyntheticSpec.parse(" synthetic: "));
        for (double p : s.firingProbabilities()) {
            assertEquals(5.0 / 512, p, 1e-15);
        }
    }

    @Test
    void keysOverrideDefaultsInAnyCase() {
        SyntheticSpec s = SyntheticSpec.parse("synthetic:features=64, DIM=16,active=3,samples=1_000,seed=-7,"
                + "start=50,dist=Zipf,alpha=1.5,coeff=constant,coeffmax=2,hierarchy=3,childprob=0.25,"
                + "correlation=0.5,groupsize=4");
        assertEquals(new SyntheticSpec(64, 16, 3, 1000, -7, 50, SyntheticSpec.Dist.ZIPF, 1.5,
                SyntheticSpec.Coeff.CONSTANT, 0, 2, 3, 0.25, 0.5, 4), s);
    }

    @Test
    void formatRoundTrips() {
        SyntheticSpec s = SyntheticSpec.parse("synthetic:features=40,dim=8,active=2.5,dist=zipf,alpha=0.7,"
                + "coeffmin=0.5,coeffmax=1.5,hierarchy=1,correlation=0.3,groupsize=3");
        assertEquals(s, SyntheticSpec.parse(s.format()));
        assertEquals(SyntheticSpec.defaults(), SyntheticSpec.parse(SyntheticSpec.defaults().format()));
    }

    @Test
    void matchesOnlyTheSyntheticForms() {
        assertTrue(SyntheticSpec.matches("synthetic"));
        assertTrue(SyntheticSpec.matches("synthetic:dim=4"));
        assertFalse(SyntheticSpec.matches("synthetic.npy"));
        assertFalse(SyntheticSpec.matches("synthetics"));
        assertFalse(SyntheticSpec.matches(null));
    }

    @Test
    void featuresAreUnitNormAndSeeded() {
        SyntheticSpec s = SyntheticSpec.parse("synthetic:features=50,dim=7,seed=3");
        float[] f = s.features();
        assertEquals(50 * 7, f.length);
        for (int i = 0; i < 50; i++) {
            double n = 0;
            for (int j = 0; j < 7; j++) {
                n += f[i * 7 + j] * f[i * 7 + j];
            }
            assertEquals(1.0, Math.sqrt(n), 1e-6);
        }
        assertArrayEquals(f, SyntheticSpec.parse("synthetic:features=50,dim=7,seed=3,samples=9,start=4").features());
        assertFalse(java.util.Arrays.equals(f, SyntheticSpec.parse("synthetic:features=50,dim=7,seed=4").features()));
    }

    @Test
    void dataSourcesLoadsSyntheticSpecs() {
        Dataset d = new DataSources().load("synthetic:features=20,dim=6,samples=30,seed=2");
        assertEquals(30, d.rows());
        assertEquals(6, d.cols());
        assertEquals("synthetic", d.name());
        assertArrayEquals(SyntheticSpec.parse("synthetic:features=20,dim=6,samples=30,seed=2").dataset().values(),
                d.values());
        // The bare word routes here too (its 200k x 128 default is left to the stream tests).
        assertEquals(10, new DataSources().load(" synthetic:samples=10 ").rows());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "synthetic:colour=red; 'colour'; expected one of features",
        "synthetic:features; 'features'; key=value",
        "synthetic:dim=4,dim=5; 'dim'; twice",
        "synthetic:features=abc; 'features'; 'abc'; whole number",
        "synthetic:features=0; 'features'; at least 1",
        "synthetic:dim=-3; 'dim'; at least 1",
        "synthetic:samples=0; 'samples'; at least 1",
        "synthetic:active=0; 'active'; (0, 512]",
        "synthetic:features=4,active=5; 'active'; (0, 4]",
        "synthetic:active=NaN; 'active'; finite number",
        "synthetic:dist=normal; 'dist'; uniform or zipf",
        "synthetic:coeff=gauss; 'coeff'; uniform or constant",
        "synthetic:alpha=-1; 'alpha'; at least 0",
        "synthetic:coeffmin=2; 'coeffmax'; no smaller than coeffmin",
        "synthetic:coeffmin=-1; 'coeffmin'; at least 0",
        "synthetic:hierarchy=512; 'hierarchy'; children per parent",
        "synthetic:childprob=0; 'childprob'; (0, 1]",
        "synthetic:correlation=1.5; 'correlation'; [0, 1]",
        "synthetic:groupsize=1; 'groupsize'; from 2",
        "synthetic:start=-1; 'start'; at least 0",
        "synthetic:seed=1.5; 'seed'; whole number",
    })
    void badSpecsGiveOneSentenceNamingTheKey(String spec, String key, String hint) {
        userError(spec, key, hint);
    }

    @Test
    void hierarchyCapsTheReachableActiveCount() {
        // 10 features in blocks of 1 + 4: 2 roots and 8 children; at most 2 + 8 * 0.5 = 6 active on average.
        userError("synthetic:features=10,hierarchy=4,active=7", "'active'", "(0, 6]");
        assertEquals(6.0, SyntheticSpec.parse("synthetic:features=10,hierarchy=4,active=6").active());
    }

    @Test
    void constantCoefficientsTakeCoeffmax() {
        SyntheticSpec s = SyntheticSpec.parse("synthetic:coeff=constant,coeffmax=0.5");
        assertEquals(0.5, s.coeffMax());
    }
}
