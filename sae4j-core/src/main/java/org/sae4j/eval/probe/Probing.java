package org.sae4j.eval.probe;

import java.util.Arrays;
import java.util.TreeSet;
import org.sae4j.InvalidInputException;
import org.sae4j.tensor.Rng;
import org.sae4j.tensor.SparseCode;

/**
 * Probing in the manner of SAEBench: split the labelled rows (seeded), fit probes on the training part and
 * score them on the rest, for the latents and for the raw inputs alike, so the two accuracies compare.
 *
 * <p>k-sparse probes keep the k features whose class means differ most, scored as max over classes minus min
 * over classes of the mean activation on the training rows: SAEBench's difference of means, generalised from
 * its one-vs-rest binary tasks to one multiclass probe.
 *
 * <p>Every probe, on latents or inputs, picks its step size and L2 penalty from the same grid by validation on
 * part of its training rows ({@link TunedProbe}), so the two accuracies compare the features, not the settings.
 */
public final class Probing {
    public static final int[] SPARSE_KS = {1, 2, 5};
    public static final double DEFAULT_TRAIN_FRACTION = 0.8;
    public static final int DEFAULT_EPOCHS = 20;

    private Probing() {
    }

    public static ProbeReport run(SparseCode latents, SparseCode raw, int[] labels, double trainFraction, long seed,
                                  int epochs) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new InvalidInputException("The probe's training fraction is " + trainFraction + "; expected a number between 0 and 1.");
        }
        int[] y = classIndices(labels);
        int classes = Arrays.stream(y).max().orElse(0) + 1;
        if (classes < 2) {
            throw new InvalidInputException("The labels hold " + classes + " class; a probe needs at least two.");
        }
        int n = labels.length;
        int trainRows = (int) Math.floor(n * trainFraction);
        if (trainRows < 1 || trainRows >= n) {
            throw new InvalidInputException("A probe on " + n + " labelled rows with training fraction " + trainFraction
                    + " leaves no rows to train or test on; use more data.");
        }
        int[] order = Rng.forPurpose(seed, "probe split").permutation(n);
        int[] trainIdx = Arrays.copyOfRange(order, 0, trainRows);
        int[] testIdx = Arrays.copyOfRange(order, trainRows, n);
        int[] yTrain = pick(y, trainIdx);
        int[] yTest = pick(y, testIdx);

        Split lat = new Split(latents.selectRows(trainIdx), latents.selectRows(testIdx));
        Split inp = new Split(raw.selectRows(trainIdx), raw.selectRows(testIdx));
        double latentAcc = lat.accuracy(yTrain, yTest, classes, epochs, seed);
        double rawAcc = inp.accuracy(yTrain, yTest, classes, epochs, seed);
        int[] latentRank = rankByClassMeans(lat.train, yTrain, classes);
        int[] rawRank = rankByClassMeans(inp.train, yTrain, classes);
        double[] latentSparse = new double[SPARSE_KS.length];
        double[] rawSparse = new double[SPARSE_KS.length];
        for (int i = 0; i < SPARSE_KS.length; i++) {
            latentSparse[i] = lat.columns(top(latentRank, SPARSE_KS[i])).accuracy(yTrain, yTest, classes, epochs, seed);
            rawSparse[i] = inp.columns(top(rawRank, SPARSE_KS[i])).accuracy(yTrain, yTest, classes, epochs, seed);
        }
        int[] topLatents = top(latentRank, SPARSE_KS[SPARSE_KS.length - 1]);
        return new ProbeReport(trainRows, n - trainRows, classes, seed, latentAcc, rawAcc, SPARSE_KS.clone(),
                latentSparse, rawSparse, topLatents);
    }

    /** Any integer labels become 0..C-1 in ascending order of their values. */
    static int[] classIndices(int[] labels) {
        TreeSet<Integer> distinct = new TreeSet<>();
        for (int l : labels) {
            distinct.add(l);
        }
        int[] values = distinct.stream().mapToInt(Integer::intValue).toArray();
        int[] y = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = Arrays.binarySearch(values, labels[i]);
        }
        return y;
    }

    /** Feature indices, best first: largest spread of class means, ties to the lower index. */
    static int[] rankByClassMeans(SparseCode x, int[] y, int classes) {
        double[] sum = new double[x.width() * classes];
        int[] count = new int[classes];
        for (int r = 0; r < x.rows(); r++) {
            count[y[r]]++;
            for (int k = x.rowStart()[r]; k < x.rowStart()[r + 1]; k++) {
                sum[x.index()[k] * classes + y[r]] += x.value()[k];
            }
        }
        double[] spread = new double[x.width()];
        for (int j = 0; j < x.width(); j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (count[c] > 0) {
                    double mean = sum[j * classes + c] / count[c];
                    lo = Math.min(lo, mean);
                    hi = Math.max(hi, mean);
                }
            }
            spread[j] = hi - lo;
        }
        return java.util.stream.IntStream.range(0, x.width()).boxed()
                .sorted((a, b) -> spread[a] != spread[b] ? Double.compare(spread[b], spread[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int[] top(int[] rank, int k) {
        return Arrays.copyOf(rank, Math.min(k, rank.length));
    }

    private static int[] pick(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    private record Split(SparseCode train, SparseCode test) {
        Split columns(int[] cols) {
            return new Split(train.keepColumns(cols), test.keepColumns(cols));
        }

        double accuracy(int[] yTrain, int[] yTest, int classes, int epochs, long seed) {
            return TunedProbe.fit(train, yTrain, classes, epochs, seed).accuracy(test, yTest);
        }
    }
}
