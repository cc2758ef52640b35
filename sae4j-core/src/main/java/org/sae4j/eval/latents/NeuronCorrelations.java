package org.sae4j.eval.latents;

import java.util.Arrays;
import java.util.Iterator;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;
import org.sae4j.model.Model;
import org.sae4j.tensor.SparseCode;

/**
 * How each latent's activation co-varies with each input dimension ("neuron": the activation the SAE reads, raw,
 * before the SAE's own scaling) across every row, exactly, in the same pass as the profile: SAEDashboard's
 * {@code correlated_neurons_pearson} (Pearson correlation) and {@code correlated_neurons_l1} (it stores the cosine
 * similarity of the two columns under that name). Both come from sums over rows: Σa, Σa², Σx_j, Σx_j² and
 * Σa·x_j, the last for every latent × dimension, so memory is width × d doubles whatever the rows (100 MB for
 * 16k latents of 768 dimensions; the export is the only user) and a firing latent costs d additions, while the
 * zeros of the sparse code cost nothing. A correlation between latents (SAEDashboard's
 * {@code correlated_features_*}) would need width² sums, 2 GB at 16k latents; that is not computed.
 */
public final class NeuronCorrelations {
    private final int width;
    private final int d;
    private final double[] ax;
    private final double[] a;
    private final double[] aa;
    private final double[] x;
    private final double[] xx;
    private long rows;

    /** The strongest dimensions of a latent: indices, Pearson correlations and cosine similarities. */
    public record Top(int[] indices, double[] pearson, double[] cosine) {
    }

    public NeuronCorrelations(int width, int d) {
        this.width = width;
        this.d = d;
        this.ax = new double[Math.multiplyExact(width, d)];
        this.a = new double[width];
        this.aa = new double[width];
        this.x = new double[d];
        this.xx = new double[d];
    }

    /** Adds {@code code.rows()} rows: raw inputs {@code raw} [rows × d] and their codes. */
    public void add(float[] raw, SparseCode code) {
        for (int r = 0; r < code.rows(); r++) {
            int xb = r * d;
            for (int j = 0; j < d; j++) {
                double v = raw[xb + j];
                x[j] += v;
                xx[j] += v * v;
            }
            for (int e = code.rowStart()[r]; e < code.rowStart()[r + 1]; e++) {
                int l = code.index()[e];
                double v = code.value()[e];
                if (v == 0) {
                    continue;
                }
                a[l] += v;
                aa[l] += v * v;
                int base = l * d;
                for (int j = 0; j < d; j++) {
                    ax[base + j] += v * raw[xb + j];
                }
            }
        }
        rows += code.rows();
    }

    /**
     * The codes of raw rows as {@link Model#encodeSparse(RowReader)} gives them, each chunk's raw rows added here
     * before the model's scaling is applied to them: the one pass feeds both the profile and the correlations.
     */
    public Iterable<SparseCode> tap(Model model, RowReader raw) {
        if (raw.cols() != model.inputSize() || raw.cols() != d) {
            throw new InvalidInputException(String.format("Data '%s' has %d features per sample but the model expects %d.",
                    raw.name(), raw.cols(), model.inputSize()));
        }
        Iterable<Dataset.Chunk> chunks = raw.chunks(Model.INFERENCE_BATCH);
        return () -> new Iterator<>() {
            private final Iterator<Dataset.Chunk> it = chunks.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public SparseCode next() {
                Dataset.Chunk c = it.next();
                float[] rawRows = Arrays.copyOf(c.values(), c.rows() * d);
                model.normalizer().columns(0, model.inputSize()).applyInPlace(c.values(), c.values().length);
                SparseCode code = model.encodeSparse(c.values(), c.rows());
                add(rawRows, code);
                return code;
            }
        };
    }

    /** Pearson correlation of latent l's activation and dimension j over the rows; 0 when either is constant. */
    public double pearson(int l, int j) {
        double n = rows;
        double cov = n * ax[l * d + j] - a[l] * x[j];
        double va = n * aa[l] - a[l] * a[l];
        double vx = n * xx[j] - x[j] * x[j];
        return va <= 0 || vx <= 0 ? 0 : cov / Math.sqrt(va * vx);
    }

    /** Cosine similarity of latent l's activations and dimension j's values over the rows; 0 when either is zero. */
    public double cosine(int l, int j) {
        double norm = aa[l] * xx[j];
        return norm <= 0 ? 0 : ax[l * d + j] / Math.sqrt(norm);
    }

    /** The {@code n} dimensions with the largest Pearson correlation with latent l, largest first (ties: lower index). */
    public Top top(int l, int n) {
        Integer[] order = new Integer[d];
        double[] p = new double[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
            p[j] = pearson(l, j);
        }
        Arrays.sort(order, (i, k) -> p[i] != p[k] ? Double.compare(p[k], p[i]) : Integer.compare(i, k));
        int m = Math.min(n, d);
        int[] idx = new int[m];
        double[] pe = new double[m];
        double[] co = new double[m];
        for (int i = 0; i < m; i++) {
            idx[i] = order[i];
            pe[i] = p[order[i]];
            co[i] = cosine(l, order[i]);
        }
        return new Top(idx, pe, co);
    }

    public int width() {
        return width;
    }
}
