package org.sae4j.model;

import java.util.Iterator;
import org.sae4j.data.Dataset;
import org.sae4j.tensor.SparseCode;

/** {@link Model#encodeSparse(Dataset)}: a dataset's sparse latents, one chunk per step of an iteration. */
final class SparseChunks {
    private SparseChunks() {
    }

    /**
     * Checks the data at once (so a bad width fails before a writer opens anything), then encodes a chunk
     * only when it is asked for. Each chunk is normalised in place with the arithmetic of
     * {@link org.sae4j.data.Normalizer#apply}, and the chunks are those of {@link Model#encode(Dataset)}, so
     * the codes equal the dense encode's.
     */
    static Iterable<SparseCode> of(Model model, Dataset data) {
        data.requireFinite().requireCols(model.inputSize(), "the model");
        return of(model, data.chunks(Model.INFERENCE_BATCH), data.name());
    }

    /** The codes of raw rows arriving chunk by chunk (a source too large to load): each chunk checked and normalised. */
    static Iterable<SparseCode> of(Model model, Iterable<Dataset.Chunk> raw, String name) {
        return () -> new Iterator<>() {
            private final Iterator<Dataset.Chunk> chunks = raw.iterator();

            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public SparseCode next() {
                Dataset.Chunk c = chunks.next(); // a copy of the rows, normalised in place
                new Dataset(name, c.values(), c.rows(), c.values().length / Math.max(1, c.rows()))
                        .requireFinite().requireCols(model.inputSize(), "the model");
                model.normalizer().columns(0, model.inputSize()).applyInPlace(c.values(), c.values().length);
                return model.encodeSparse(c.values(), c.rows());
            }
        };
    }
}
