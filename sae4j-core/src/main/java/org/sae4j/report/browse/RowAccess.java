package org.sae4j.report.browse;

import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;

/** Raw rows by index, for the pages that show an input itself (image tiles) or re-encode a document. */
public interface RowAccess {
    int cols();

    /** Rows {@code first .. first + n - 1}, raw (not normalised), row-major. */
    float[] read(long first, int n);

    static RowAccess of(Dataset data) {
        return new RowAccess() {
            @Override
            public int cols() {
                return data.cols();
            }

            @Override
            public float[] read(long first, int n) {
                int d = data.cols();
                return java.util.Arrays.copyOfRange(data.values(), Math.toIntExact(first * d), Math.toIntExact((first + n) * d));
            }
        };
    }

    /** Reads through {@code reader}, which must stay open while the site is written. */
    static RowAccess of(RowReader reader) {
        return new RowAccess() {
            @Override
            public int cols() {
                return reader.cols();
            }

            @Override
            public synchronized float[] read(long first, int n) {
                float[] out = new float[Math.multiplyExact(n, reader.cols())];
                reader.read(first, n, out, 0);
                return out;
            }
        };
    }
}
