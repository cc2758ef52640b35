package org.sae4j.report;

import java.util.Arrays;

/**
 * How a layer's units behave on some data: how often each is active, its mean activation and a typical
 * high activation. The report uses it to show the most used units first and to leave dead ones out.
 *
 * @param activeFraction fraction of samples in which the unit's |a| exceeded the threshold
 * @param meanActivation mean activation over the samples
 * @param typicalHigh    the activation at the 99th percentile of |a| (sign kept); for a unit active in under
 *                       1% of samples, its largest |a|, so rare but real features still get a value
 * @param threshold      |a| above which a unit counted as active
 */
public record UnitStats(float[] activeFraction, float[] meanActivation, float[] typicalHigh, double threshold) {

    /** The percentile used for {@link #typicalHigh}: high but not the single most extreme sample. */
    static final double PERCENTILE = 0.99;

    /** Statistics of {@code rows} activation rows of {@code units} values each (row-major). */
    public static UnitStats of(float[] activations, int rows, int units, double threshold) {
        float[] active = new float[units];
        float[] mean = new float[units];
        float[] high = new float[units];
        float[] column = new float[rows];
        for (int u = 0; u < units; u++) {
            long count = 0;
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                float a = activations[i * units + u];
                column[i] = a;
                sum += a;
                count += Math.abs(a) > threshold ? 1 : 0;
            }
            active[u] = rows == 0 ? 0 : (float) count / rows;
            mean[u] = rows == 0 ? 0 : (float) (sum / rows);
            high[u] = rows == 0 ? 0 : highByMagnitude(column, threshold);
        }
        return new UnitStats(active, mean, high, threshold);
    }

    public int units() {
        return activeFraction.length;
    }

    /** A unit is dead on this data when it was never active. */
    public boolean isDead(int unit) {
        return activeFraction[unit] == 0;
    }

    /** Unit indices, most often active first; ties by larger |mean activation|, then by index. */
    public int[] byUsage() {
        Integer[] order = new Integer[units()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(activeFraction[b], activeFraction[a]);
            if (c == 0) {
                c = Float.compare(Math.abs(meanActivation[b]), Math.abs(meanActivation[a]));
            }
            return c != 0 ? c : Integer.compare(a, b);
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    // Sorts magnitudes as primitives (no boxing: this runs over every sample of every unit), then looks up
    // the sign of a value of that magnitude.
    private static float highByMagnitude(float[] column, double threshold) {
        float[] mags = new float[column.length];
        for (int i = 0; i < column.length; i++) {
            mags[i] = Math.abs(column[i]);
        }
        Arrays.sort(mags);
        int at = Math.max(0, (int) Math.ceil(PERCENTILE * column.length - 1e-9) - 1); // 1e-9: 0.99·100 is 99
        float m = mags[at] > threshold ? mags[at] : mags[column.length - 1];
        for (float a : column) {
            if (Math.abs(a) == m) {
                return a;
            }
        }
        return m;
    }
}
