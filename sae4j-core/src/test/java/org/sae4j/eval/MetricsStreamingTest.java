package org.sae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Dataset;
import org.sae4j.data.Normalizer;
import org.sae4j.data.RowReader;
import org.sae4j.data.RowSlice;
import org.sae4j.model.sae.Architecture;
import org.sae4j.model.sae.SaeBuilder;
import org.sae4j.model.sae.SparseAutoencoder;

/**
 * Streamed evaluation (issue 18, defect 8: eval and export on shard folders) gives the very figures of the same rows
 * loaded whole, over a slice that does not start at row 0 and ends mid-chunk.
 */
class MetricsStreamingTest {
    /** A reader over an in-memory table, as a shard folder would serve it. */
    private static RowReader reader(Dataset d) {
        return new RowReader() {
            @Override
            public String name() {
                return d.name();
            }

            @Override
            public long rows() {
                return d.rows();
            }

            @Override
            public int cols() {
                return d.cols();
            }

            @Override
            public void read(long row, int n, float[] out, int offset) {
                System.arraycopy(d.values(), (int) row * d.cols(), out, offset, n * d.cols());
            }
        };
    }

    @Test
    void aStreamedSliceScoresAsTheSameRowsInMemory() {
        int rows = 3_517;
        int cols = 27;
        float[] v = new float[rows * cols];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * 13.0 + (i % cols) * 0.7);
        }
        Dataset all = new Dataset("t", v, rows, cols);
        SparseAutoencoder sae = SaeBuilder.of(Architecture.parse("jumprelu"), cols).width(61).seed(9).build();
        sae.setNormalizer(Normalizer.fit(Normalizer.Kind.STANDARDIZE, all));
        EvalReport whole = Metrics.evaluate(sae, all.slice(1_111, 3_400), null);
        EvalReport streamed = Metrics.evaluate(sae, new RowSlice(reader(all), 1_111, 2_289, "t"), null);
        assertEquals(whole.samples(), streamed.samples());
        assertEquals(whole.mse(), streamed.mse(), 0.0);
        assertEquals(whole.fvu(), streamed.fvu(), 0.0);
        assertEquals(whole.l0(), streamed.l0(), 0.0);
        assertEquals(whole.shrinkage(), streamed.shrinkage(), 0.0);
        assertArrayEquals(whole.meanActivation(), streamed.meanActivation());
        assertArrayEquals(whole.log10Density(), streamed.log10Density());
    }
}
