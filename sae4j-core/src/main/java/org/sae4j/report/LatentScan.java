package org.sae4j.report;

import org.sae4j.eval.latents.TopActivations;

import org.sae4j.data.Dataset;
import org.sae4j.eval.ReconstructionMetrics;
import org.sae4j.eval.SparsityMetrics;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.tensor.SparseCode;

/**
 * Everything the SAE report measures, gathered in one streaming pass of {@link Model#INFERENCE_BATCH} rows at a
 * time: reconstruction metrics, firing counts, each latent's activation histogram and its top-activating rows.
 * Latents are read from {@link Model#evaluate}, sparse where the architecture keeps them sparse, so at most
 * one chunk's latents are ever held.
 *
 * @param reconstruction MSE, explained variance and the rest, about b_dec for shrinkage
 * @param sparsity       firing counts, density, L0 and dead latents
 * @param histograms     per latent, its firing activations
 * @param top            per latent, its largest activations and their rows
 */
public record LatentScan(ReconstructionMetrics reconstruction, SparsityMetrics sparsity,
                         ActivationHistograms histograms, TopActivations top) {

    /** Bins of each latent's activation histogram. */
    public static final int HISTOGRAM_BINS = 32;

    /** Scans {@code data}, already normalised by {@link Model#prepare}, keeping {@code topN} rows per latent. */
    public static LatentScan run(SparseAutoencoder model, Dataset data, int topN) {
        int width = model.latentSize();
        int d = data.cols();
        LatentScan scan = new LatentScan(new ReconstructionMetrics(d, model.decoderBias().value()),
                new SparsityMetrics(width), new ActivationHistograms(width, HISTOGRAM_BINS), new TopActivations(width, topN));
        for (Dataset.Chunk c : data.chunks(Model.INFERENCE_BATCH)) {
            BatchResult r = model.evaluate(c.values(), c.rows());
            scan.reconstruction.add(c.values(), r.output(), c.rows());
            if (r.sparse() != null) {
                scan.addSparse(r.sparse(), c.from());
            } else {
                scan.addDense(r.dense(), c.rows(), width, c.from());
            }
        }
        return scan;
    }

    private void addSparse(SparseCode code, long firstRow) {
        sparsity.addCsr(code.rowStart(), code.index(), code.value(), code.rows());
        for (int r = 0; r < code.rows(); r++) {
            for (int e = code.rowStart()[r]; e < code.rowStart()[r + 1]; e++) {
                offer(code.index()[e], firstRow + r, code.value()[e]);
            }
        }
    }

    private void addDense(float[] f, int rows, int width, long firstRow) {
        sparsity.addDense(f, rows);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < width; i++) {
                float v = f[r * width + i];
                if (v > 0) {
                    offer(i, firstRow + r, v);
                }
            }
        }
    }

    private void offer(int latent, long row, float value) {
        histograms.add(latent, value);
        top.offer(latent, row, value);
    }
}
