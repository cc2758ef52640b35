package org.sae4j.lm.capture;

import java.util.Arrays;
import java.util.List;
import org.sae4j.lm.onnx.HookedModel;

/**
 * Runs windows through the hooked model and returns their rows in window order. The windows are sorted by length
 * and batched {@code batch} at a time, each batch padded to its longest window with the attention mask zero on the
 * padding: padding changes no value (the tests check it bit for bit), so sorting only saves the work of padding.
 * Special tokens are dropped unless kept; with a {@code maxNormRatio}, so is every position whose norm (at any hook)
 * exceeds that many times the median norm of its hook over the chunk, which removes attention sinks.
 */
public final class WindowEncoder {
    private final HookedModel model;
    private final int batch;
    private final boolean keepSpecial;
    private final double maxNormRatio;
    private long tokensRun;

    public WindowEncoder(HookedModel model, int batch, boolean keepSpecial, double maxNormRatio) {
        this.model = model;
        this.batch = batch;
        this.keepSpecial = keepSpecial;
        this.maxNormRatio = maxNormRatio;
    }

    public int hooks() {
        return model.hooks().size();
    }

    /** Tokens run through the model so far, special tokens included, padding not. */
    public long tokensRun() {
        return tokensRun;
    }

    /** The rows of {@code windows}, in their order; {@code into} receives them (created on the first call if null). */
    public Rows encode(List<Window> windows, Rows into) {
        int n = windows.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(windows.get(b).length(), windows.get(a).length()));
        float[][][] out = new float[n][][];
        int width = -1;
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            int seq = windows.get(order[from]).length();
            long[] ids = new long[rows * seq];
            long[] mask = new long[rows * seq];
            for (int r = 0; r < rows; r++) {
                int[] w = windows.get(order[from + r]).ids();
                for (int i = 0; i < w.length; i++) {
                    ids[r * seq + i] = w[i];
                    mask[r * seq + i] = 1;
                }
                tokensRun += w.length;
            }
            HookedModel.Output o = model.run(ids, mask, rows, seq);
            width = o.width();
            for (int r = 0; r < rows; r++) {
                int len = windows.get(order[from + r]).length();
                float[][] perHook = new float[o.values().size()][];
                for (int h = 0; h < perHook.length; h++) {
                    perHook[h] = Arrays.copyOfRange(o.values().get(h), r * seq * width, (r * seq + len) * width);
                }
                out[order[from + r]] = perHook;
            }
        }
        Rows rows = into != null ? into : new Rows(hooks(), Math.max(width, 1));
        int start = rows.size();
        for (int i = 0; i < n; i++) {
            Window w = windows.get(i);
            for (int p = 0; p < w.length(); p++) {
                if (keepSpecial || !w.special(p)) {
                    rows.add(out[i], p * rows.width(), w.ids()[p], w.doc(), p);
                }
            }
        }
        if (maxNormRatio > 0) {
            dropOutliers(rows, start);
        }
        return rows;
    }

    private void dropOutliers(Rows rows, int start) {
        int n = rows.size() - start;
        if (n == 0) {
            return;
        }
        boolean[] keep = new boolean[rows.size()];
        Arrays.fill(keep, true);
        int d = rows.width();
        for (int h = 0; h < hooks(); h++) {
            float[] v = rows.values(h);
            double[] norms = new double[n];
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double x = v[(start + r) * d + j];
                    s += x * x;
                }
                norms[r] = Math.sqrt(s);
            }
            double[] sorted = norms.clone();
            Arrays.sort(sorted);
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            for (int r = 0; r < n; r++) {
                if (norms[r] > maxNormRatio * median) {
                    keep[start + r] = false;
                }
            }
        }
        rows.retain(keep);
    }
}
