package org.sae4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.StepContext;
import org.sae4j.nn.Parameter;
import org.sae4j.tensor.SparseCode;

/**
 * A batch split into consecutive partitions, each stepped on its own, their results reduced as a data-parallel
 * round reduces its workers' (Spark's tree aggregate, torch DDP's all-reduce): gradients are summed weighted by each
 * partition's rows and divided by the batch's, loss terms likewise, reconstructions and latents are concatenated
 * in row order, BatchTopK's smallest kept activation is the minimum over the partitions, and a budgeted JumpReLU's
 * splits are the row-weighted mean of the partitions that define them.
 *
 * <p>For an objective that is a mean over rows this equals {@link LocalSteps} up to rounding. Objectives that couple
 * the rows of a batch differ, as they do under every data-parallel trainer: KL sparsity (the batch's mean
 * activation), BatchTopK and Matryoshka (a top k·batch over the whole batch) and AuxK (normalised by the batch's residual).
 */
public final class SplitSteps implements StepEngine {
    private final int parts;

    public SplitSteps(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be positive, not " + parts);
        }
        this.parts = parts;
    }

    @Override
    public BatchResult step(Model model, float[] x, int rows, StepContext context) {
        List<Parameter> params = model.parameters();
        double[][] gradSums = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            gradSums[i] = new double[params.get(i).size()];
        }
        int d = model.rowSize();
        List<BatchResult> results = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) rows * p / parts);
            int to = (int) ((long) rows * (p + 1) / parts);
            if (to == from) {
                continue;
            }
            BatchResult r = model.forwardBackward(Arrays.copyOfRange(x, from * d, to * d), to - from, context);
            for (int i = 0; i < params.size(); i++) {
                float[] g = params.get(i).grad();
                for (int j = 0; j < g.length; j++) {
                    gradSums[i][j] += (double) g[j] * (to - from);
                }
            }
            results.add(r);
            sizes.add(to - from);
        }
        for (int i = 0; i < params.size(); i++) {
            float[] g = params.get(i).grad();
            for (int j = 0; j < g.length; j++) {
                g[j] = (float) (gradSums[i][j] / rows);
            }
        }
        return reduce(results, sizes, rows, model.latentSize(), d);
    }

    /** The batch's result from its partitions' results. */
    static BatchResult reduce(List<BatchResult> results, List<Integer> sizes, int rows, int width, int d) {
        double reconstruction = 0;
        double penalty = 0;
        double aux = 0;
        double minKept = Double.NaN;
        boolean splits = results.get(0).splits() != null;
        double[] splitSums = splits ? new double[width] : null;
        double[] splitRows = splits ? new double[width] : null;
        float[] output = new float[Math.multiplyExact(rows, d)];
        boolean sparse = results.get(0).sparse() != null;
        float[] dense = sparse ? null : new float[Math.multiplyExact(rows, width)];
        List<SparseCode> codes = new ArrayList<>();
        int row = 0;
        for (int p = 0; p < results.size(); p++) {
            BatchResult r = results.get(p);
            int n = sizes.get(p);
            double w = (double) n / rows;
            reconstruction += r.reconstruction() * w;
            penalty += r.penalty() * w;
            aux += r.aux() * w;
            if (!Double.isNaN(r.minKept())) {
                minKept = Double.isNaN(minKept) ? r.minKept() : Math.min(minKept, r.minKept());
            }
            for (int i = 0; splits && i < width; i++) {
                if (!Float.isNaN(r.splits()[i])) {
                    splitSums[i] += r.splits()[i] * w;
                    splitRows[i] += w;
                }
            }
            System.arraycopy(r.output(), 0, output, row * d, n * d);
            if (sparse) {
                codes.add(r.sparse());
            } else {
                System.arraycopy(r.dense(), 0, dense, row * width, n * width);
            }
            row += n;
        }
        float[] split = splits ? new float[width] : null;
        for (int i = 0; splits && i < width; i++) {
            split[i] = splitRows[i] > 0 ? (float) (splitSums[i] / splitRows[i]) : Float.NaN;
        }
        return new BatchResult(reconstruction, penalty, aux, output, dense, sparse ? SparseCode.concat(codes, width) : null,
                minKept, split);
    }
}
