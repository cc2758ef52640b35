package org.sae4j.io.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.io.SafeTensors;
import org.sae4j.io.SafeTensorsFile;
import org.sae4j.model.TrainingRows;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.Rng;

/**
 * sae4j transcoders as SAELens transcoders (d_in 6 → d_out 4, a standardising normaliser of [x | y] to fold): the
 * exported directory's cfg.json and tensors, read here with no sae4j model code, give through SAELens's published
 * equations (sae_lens/saes/transcoder.py, computed below in double) the latents and outputs sae4j computes on raw
 * rows; the directory reads back into a transcoder that exports the same bytes again.
 */
class TranscoderExchangeTest {
    private static final int D_IN = 6;
    private static final int D_OUT = 4;
    private static final int WIDTH = 9;
    private static final int ROWS = 40;

    @TempDir
    Path dir;

    private static float[] gaussian(Rng rng, int n, double scale, double shift) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (shift + scale * rng.gaussian());
        }
        return v;
    }

    /** A transcoder with generic weights, W_skip and thresholds included, and a per-column normaliser of its rows. */
    private static SparseAutoencoder transcoder(Architecture a, boolean skip, Dataset rows) {
        SaeBuilder b = SaeBuilder.of(a, D_IN).width(WIDTH).targetSize(D_OUT).skip(skip).seed(4);
        if (a.usesK()) {
            b.k(3).groups(a == Architecture.MATRYOSHKA ? new int[] {4, 5} : new int[0]);
        }
        if (a == Architecture.JUMPRELU) {
            b.bandwidth(0.05).initialThreshold(0.2);
        }
        SparseAutoencoder t = SparseAutoencoder.create(b.config());
        Rng rng = new Rng(21);
        for (Parameter p : t.parameters()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (0.4 * rng.gaussian());
            }
        }
        if (t.buffers().containsKey("threshold")) {
            t.setBuffer("threshold", new float[] {0.25f});
        }
        t.setNormalizer(Normalizer.fit(Normalizer.Kind.STANDARDIZE, rows));
        return t;
    }

    private static Dataset rows(Dataset inputs) {
        Rng rng = new Rng(5);
        Dataset targets = new Dataset("y", gaussian(rng, ROWS * D_OUT, 3, -1), ROWS, D_OUT);
        return TrainingRows.pair(inputs, targets);
    }

    @ParameterizedTest(name = "{0} skip {1} as {2}")
    @CsvSource({"STANDARD,false,transcoder", "STANDARD,true,skip_transcoder", "JUMPRELU,false,jumprelu_transcoder",
        "JUMPRELU,true,jumprelu_skip_transcoder", "BATCHTOPK,true,jumprelu_skip_transcoder",
        "MATRYOSHKA,false,jumprelu_transcoder"})
    void exportedFilesComputeSaeLensEquationsAndReadBackBitIdentically(Architecture a, boolean skip, String expected)
            throws Exception {
        Dataset inputs = new Dataset("x", gaussian(new Rng(3), ROWS * D_IN, 2, 0.5), ROWS, D_IN);
        Dataset rows = rows(inputs);
        SparseAutoencoder t = transcoder(a, skip, rows);
        Path out = dir.resolve("exported");
        SaeLensWriter.write(SaeExchange.toExternal(t, null, "test"), out);

        JsonNode cfg = new ObjectMapper().readTree(Files.readString(out.resolve(SaeLensWriter.CFG)));
        assertEquals(expected, cfg.get("architecture").asText());
        assertEquals(D_IN, cfg.get("d_in").asInt());
        assertEquals(WIDTH, cfg.get("d_sae").asInt());
        assertEquals(D_OUT, cfg.get("d_out").asInt());
        assertFalse(cfg.get("apply_b_dec_to_input").asBoolean());
        SafeTensorsFile w = SafeTensors.read(out.resolve(SaeLensWriter.WEIGHTS));
        assertEquals(skip, w.tensors().containsKey("W_skip"));

        float[][] saeLens = saeLensForward(w, expected, inputs.values(), ROWS);
        float[] latents = t.encode(inputs).values();
        float[] outputs = t.normalizer().columns(D_IN, D_OUT).invert(t.reconstruct(rows).values());
        assertClose(saeLens[0], latents, "latents");
        assertClose(saeLens[1], outputs, "outputs");

        SparseAutoencoder back = SaeExchange.fromExternal(SaeLensReader.read(out));
        assertEquals(D_OUT, back.targetSize());
        assertEquals(skip, back.config().skip());
        assertClose(saeLens[0], back.encode(inputs).values(), "latents read back");
        Path again = dir.resolve("again");
        SaeLensWriter.write(SaeExchange.toExternal(back, null, "test"), again);
        assertArrayEquals(Files.readAllBytes(out.resolve(SaeLensWriter.WEIGHTS)),
                Files.readAllBytes(again.resolve(SaeLensWriter.WEIGHTS)), "weights after a read and a write");
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"TOPK", "GATED"})
    void transcodersSaeLensHasNoFormForAreRefusedInASentence(Architecture a) {
        Dataset rows = rows(new Dataset("x", gaussian(new Rng(3), ROWS * D_IN, 1, 0), ROWS, D_IN));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SaeExchange.toExternal(transcoder(a, false, rows), null, "test"));
        assertTrue(e.getMessage().startsWith("A " + a.id() + " transcoder has no SAELens form"), e.getMessage());
    }

    /**
     * SAELens's transcoder equations on raw x, from the file's tensors alone: z = x·W_enc + b_enc; f = relu(z), times
     * (z > threshold) for the jumprelu ones; ŷ = f·W_dec + b_dec, plus x·W_skipᵀ for the skip ones.
     */
    private static float[][] saeLensForward(SafeTensorsFile w, String arch, float[] x, int rows) {
        float[] wEnc = w.require("W_enc", D_IN, WIDTH).data();
        float[] bEnc = w.require("b_enc", WIDTH).data();
        float[] wDec = w.require("W_dec", WIDTH, D_OUT).data();
        float[] bDec = w.require("b_dec", D_OUT).data();
        float[] threshold = arch.startsWith("jumprelu") ? w.require("threshold", WIDTH).data() : null;
        float[] wSkip = arch.endsWith("skip_transcoder") ? w.require("W_skip", D_OUT, D_IN).data() : null;
        float[] f = new float[rows * WIDTH];
        float[] y = new float[rows * D_OUT];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < WIDTH; i++) {
                double z = bEnc[i];
                for (int j = 0; j < D_IN; j++) {
                    z += (double) x[r * D_IN + j] * wEnc[j * WIDTH + i];
                }
                boolean open = threshold == null || z > threshold[i];
                f[r * WIDTH + i] = open ? (float) Math.max(z, 0) : 0f;
            }
            for (int p = 0; p < D_OUT; p++) {
                double s = bDec[p];
                for (int i = 0; i < WIDTH; i++) {
                    s += (double) f[r * WIDTH + i] * wDec[i * D_OUT + p];
                }
                if (wSkip != null) {
                    for (int j = 0; j < D_IN; j++) {
                        s += (double) x[r * D_IN + j] * wSkip[p * D_IN + j];
                    }
                }
                y[r * D_OUT + p] = (float) s;
            }
        }
        return new float[][] {f, y};
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        int active = 0;
        for (int i = 0; i < expected.length; i++) {
            active += expected[i] != 0 ? 1 : 0;
            assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), what + " at " + i);
        }
        assertTrue(active > expected.length / 10, what + ": only " + active + " non-zero values");
    }
}
