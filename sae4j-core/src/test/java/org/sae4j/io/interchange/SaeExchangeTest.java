package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.synthetic.SyntheticSpec;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.train.FitOptions;
import org.sae4j.train.Trainer;

/**
 * Export → SAELens directory → read back: the Python tools' maths, written out here from the SAELens
 * formulas (see {@link ExternalSae}), applied to raw data gives what sae4j's own encode gives, for every
 * architecture and with every input normalisation folded in; and the SAE read back into sae4j encodes the same.
 */
class SaeExchangeTest {
    private static final Dataset RAW = SyntheticSpec.parse("synthetic:features=20,dim=10,samples=800,seed=4").dataset();

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (Architecture a : Architecture.values()) {
            for (Normalizer.Kind k : new Normalizer.Kind[] {Normalizer.Kind.STANDARDIZE, Normalizer.Kind.MIN_MAX}) {
                for (boolean apply : new boolean[] {true, false}) {
                    s.add(Arguments.of(a, k, apply));
                }
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "{0} {1} applyBDec={2}")
    @MethodSource("cases")
    void exportedMathsEqualsEncode(Architecture a, Normalizer.Kind norm, boolean apply, @TempDir Path dir) {
        SaeBuilder b = SaeBuilder.of(a, 10).width(24).seed(3).applyBDecToInput(apply);
        if (a.usesK()) {
            b.k(3);
        }
        if (a == Architecture.MATRYOSHKA) {
            b.groups(8, 16);
        }
        if (a == Architecture.JUMPRELU) {
            b.coefficient(1e-5); // the default λ silences every latent at this data's scale
        }
        SparseAutoencoder sae = b.build();
        Trainer.fit(sae, RAW, FitOptions.builder().epochs(2).batchSize(64).normalization(norm).build());
        Path out = dir.resolve("sae");
        SaeLensWriter.write(SaeExchange.toExternal(sae, null, out.toString()), out);
        ExternalSae back = ExternalSaes.read(out);
        Dataset sample = RAW.limit(100);
        float[] ours = sae.encode(sample).values();
        float[] theirs = SaeLensMaths.encode(back, sample.values(), sample.rows());
        int active = 0;
        for (int i = 0; i < ours.length; i++) {
            assertEquals(ours[i], theirs[i], 2e-4 + 2e-4 * Math.abs(ours[i]), a + " latent value " + i);
            active += ours[i] != 0 ? 1 : 0;
        }
        assertTrue(active > 0, "no latent fired");
        float[] reconstructed = SaeLensMaths.decode(back, theirs, sample.rows());
        float[] expected = sae.normalizer().invert(sae.reconstruct(sample).values());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], reconstructed[i], 2e-3 + 2e-4 * Math.abs(expected[i]), a + " reconstruction " + i);
        }
        SparseAutoencoder imported = SaeExchange.fromExternal(back);
        float[] again = imported.encode(sample).values();
        for (int i = 0; i < ours.length; i++) {
            assertEquals(ours[i], again[i], 2e-4 + 2e-4 * Math.abs(ours[i]), a + " imported latent " + i);
        }
    }
}
