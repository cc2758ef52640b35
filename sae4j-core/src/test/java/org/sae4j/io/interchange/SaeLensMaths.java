package org.sae4j.io.interchange;

/** SAELens v6's inference maths, written out independently of sae4j's model code, for the exchange tests. */
final class SaeLensMaths {
    private SaeLensMaths() {
    }

    static float[] encode(ExternalSae e, float[] x, int rows) {
        int d = e.dIn();
        int w = e.dSae();
        float[] f = new float[rows * w];
        for (int r = 0; r < rows; r++) {
            double[] in = new double[d];
            for (int j = 0; j < d; j++) {
                in[j] = x[r * d + j] - (e.applyBDecToInput() ? e.bDec()[j] : 0);
            }
            double[] z = new double[w];
            for (int i = 0; i < w; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += in[j] * e.wEnc()[j * w + i];
                }
                z[i] = s;
            }
            for (int i = 0; i < w; i++) {
                double v = switch (e.architecture()) {
                    case ExternalSae.STANDARD, ExternalSae.TOPK -> Math.max(z[i] + e.bEnc()[i], 0);
                    case ExternalSae.JUMPRELU -> {
                        double h = z[i] + e.bEnc()[i];
                        yield h > e.threshold()[i] ? Math.max(h, 0) : 0;
                    }
                    default -> z[i] + e.bGate()[i] > 0 ? Math.max(z[i] * Math.exp(e.rMag()[i]) + e.bMag()[i], 0) : 0;
                };
                f[r * w + i] = (float) v;
            }
            if (e.k() != null) {
                keepTopK(f, r * w, w, e.k(), z, e.bEnc());
            }
        }
        return f;
    }

    /** topk: keep the k largest pre-activations (ties to the lower index), zero the rest. */
    private static void keepTopK(float[] f, int off, int w, int k, double[] z, float[] bEnc) {
        boolean[] keep = new boolean[w];
        for (int t = 0; t < k; t++) {
            int best = -1;
            for (int i = 0; i < w; i++) {
                if (!keep[i] && (best < 0 || z[i] + bEnc[i] > z[best] + bEnc[best])) {
                    best = i;
                }
            }
            keep[best] = true;
        }
        for (int i = 0; i < w; i++) {
            if (!keep[i]) {
                f[off + i] = 0;
            }
        }
    }

    static float[] decode(ExternalSae e, float[] f, int rows) {
        int d = e.dIn();
        int w = e.dSae();
        float[] out = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double s = e.bDec()[j];
                for (int i = 0; i < w; i++) {
                    s += f[r * w + i] * e.wDec()[i * d + j];
                }
                out[r * d + j] = (float) s;
            }
        }
        return out;
    }
}
