package org.sae4j.tensor;

/** A transposed copy of a row-major matrix. */
final class Transpose {
    private Transpose() {
    }

    /** The [cols × rows] transpose of the [rows × cols] matrix {@code x}. */
    static float[] of(float[] x, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            int xr = r * cols;
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[xr + c];
            }
        }
        return t;
    }
}
