package org.sae4j.report;

import org.sae4j.data.Dataset;
import org.sae4j.eval.ReconstructionMetrics;
import org.sae4j.eval.SparsityMetrics;
import org.sae4j.model.BatchResult;
import org.sae4j.model.Model;
import org.sae4j.model.sae.SparseAutoencoder;
import org.sae4j.tensor.SparseCode;

/**
 * What the SAE report's own tables need, gathered in one streaming pass of {@link Model#INFERENCE_BATCH} rows at a
 * time: reconstruction metrics and firing counts. Per-latent histograms and top inputs are the feature browser's
 * ({@code eval.latents}), which the report's cards link into; this pass keeps only what needs the decoder's output,
 * which the browser's encode-only pass does not compute. Latents are read from {@link Model#evaluate}, sparse where
 * the architecture keeps them sparse, so at most one chunk's latents are ever held.
 *
 * @param reconstruction MSE, explained variance and the rest, about b_dec for shrinkage
 * @param sparsity       firing counts, density, L0 and dead latents
 */
public record LatentScan(ReconstructionMetrics reconstruction, SparsityMetrics sparsity) {

    /** Scans {@code data}, already normalised by {@link Model#prepare}. */
    public static LatentScan run(SparseAutoencoder model, Dataset data) {
        int width = model.latentSize();
        LatentScan scan = new LatentScan(new ReconstructionMetrics(data.cols(), model.decoderBias().value()),
                new SparsityMetrics(width));
        for (Dataset.Chunk c : data.chunks(Model.INFERENCE_BATCH)) {
            BatchResult r = model.evaluate(c.values(), c.rows());
            scan.reconstruction.add(c.values(), r.output(), c.rows());
            if (r.sparse() != null) {
                SparseCode code = r.sparse();
                scan.sparsity.addCsr(code.rowStart(), code.index(), code.value(), code.rows());
            } else {
                scan.sparsity.addDense(r.dense(), c.rows());
            }
        }
        return scan;
    }
}
