package org.sae4j.model;

import java.util.Iterator;
import org.sae4j.InvalidInputException;
import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;
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
        return encoded(model, data.chunks(Model.INFERENCE_BATCH));
    }

    /**
     * The same for raw rows of a source too large to load: the width is checked before anything is read, and the
     * reader itself refuses a non-finite value as it reads it, so no chunk needs checking again.
     */
    static Iterable<SparseCode> of(Model model, RowReader raw) {
        if (raw.cols() != model.inputSize()) {
            throw new InvalidInputException(String.format("Data '%s' has %d features per sample but the model expects %d.",
                    raw.name(), raw.cols(), model.inputSize()));
        }
        return encoded(model, raw.chunks(Model.INFERENCE_BATCH));
    }

    /** Each chunk (a copy of the rows) normalised in place and encoded, only when the iteration reaches it. */
    private static Iterable<SparseCode> encoded(Model model, Iterable<Dataset.Chunk> raw) {
        return () -> new Iterator<>() {
            private final Iterator<Dataset.Chunk> chunks = raw.iterator();

            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public SparseCode next() {
                Dataset.Chunk c = chunks.next();
                model.normalizer().columns(0, model.inputSize()).applyInPlace(c.values(), c.values().length);
                return model.encodeSparse(c.values(), c.rows());
            }
        };
    }
}
