package org.sae4j.eval.groundtruth;

/** Cosine similarities between two sets of row vectors, in double. */
public final class Cosines {
    private Cosines() {
    }

    /**
     * cos(a_i, b_j) for every row i of {@code a} ([rowsA, dim]) and row j of {@code b} ([rowsB, dim]), as
     * [rowsA, rowsB] row-major; a pair involving a zero row has cosine 0 (it points nowhere).
     */
    public static double[] matrix(float[] a, int rowsA, float[] b, int rowsB, int dim) {
        if (a.length != (long) rowsA * dim || b.length != (long) rowsB * dim) {
            throw new IllegalArgumentException("rows do not match dim " + dim);
        }
        double[] na = unitRows(a, rowsA, dim);
        double[] nb = unitRows(b, rowsB, dim);
        double[] out = new double[rowsA * rowsB];
        for (int i = 0; i < rowsA; i++) {
            for (int j = 0; j < rowsB; j++) {
                double dot = 0;
                for (int k = 0; k < dim; k++) {
                    dot += na[i * dim + k] * nb[j * dim + k];
                }
                out[i * rowsB + j] = Math.max(-1, Math.min(1, dot)); // rounding can step past 1
            }
        }
        return out;
    }

    private static double[] unitRows(float[] x, int rows, int dim) {
        double[] out = new double[rows * dim];
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                norm += (double) x[i * dim + k] * x[i * dim + k];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int k = 0; k < dim; k++) {
                out[i * dim + k] = x[i * dim + k] * scale;
            }
        }
        return out;
    }
}
