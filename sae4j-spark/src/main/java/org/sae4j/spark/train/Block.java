package org.sae4j.spark.train;

import java.io.Serializable;
import org.sae4j.data.Dataset;

/**
 * The rows of one partition as one row-major array, or the one sentence that says why they cannot train (a row of
 * the wrong width, a value that is not finite): an error travels back as data, so a deterministic mistake fails the
 * job once with its sentence instead of being retried as if an executor had been lost.
 *
 * @param partition the Spark partition the rows are in
 * @param rows      how many rows
 * @param cols      values per row
 * @param values    rows × cols values
 * @param error     null, or why these rows are not usable
 */
public record Block(int partition, int rows, int cols, float[] values, String error) implements Serializable {

    public Dataset dataset() {
        return new Dataset("partition " + partition, values, rows, cols);
    }

    /**
     * At most {@code n} rows spread evenly over the block, in order (all of them when {@code n >= rows}): the
     * driver's share of this partition in the sample the normaliser and b_dec are fitted on.
     */
    public float[] spread(int n) {
        if (n >= rows) {
            return values;
        }
        float[] out = new float[n * cols];
        for (int i = 0; i < n; i++) {
            int r = (int) ((long) i * rows / n);
            System.arraycopy(values, r * cols, out, i * cols, cols);
        }
        return out;
    }
}
