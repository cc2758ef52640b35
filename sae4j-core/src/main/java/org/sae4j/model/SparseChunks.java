package org.sae4j.model;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
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
        return () -> new Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < data.rows();
            }

            @Override
            public SparseCode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(data.rows(), from + Model.INFERENCE_BATCH);
                float[] chunk = Arrays.copyOfRange(data.values(), from * data.cols(), to * data.cols());
                model.normalizer().applyInPlace(chunk, chunk.length);
                SparseCode code = model.encodeSparse(chunk, to - from);
                from = to;
                return code;
            }
        };
    }
}
