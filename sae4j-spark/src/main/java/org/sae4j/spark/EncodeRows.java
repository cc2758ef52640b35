package org.sae4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.sae4j.data.Dataset;
import org.sae4j.model.Model;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.tensor.SparseCode;

/**
 * A partition's rows with their latents appended (and, when asked, their reconstructions), computed in chunks of
 * {@link Model#INFERENCE_BATCH} rows through the model's own {@code encodeSparse} (normalised as the model was
 * trained), so each row's latents are what {@code Model.encode} gives for it. The model is loaded once per
 * partition from the broadcast model file.
 */
final class EncodeRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> model;
    private final InputColumn input;
    private final int field;
    private final boolean reconstruction;

    EncodeRows(Broadcast<byte[]> model, InputColumn input, int field, boolean reconstruction) {
        this.model = model;
        this.input = input;
        this.field = field;
        this.reconstruction = reconstruction;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Model m = ModelBytes.load(model.value());
        return new Iterator<>() {
            private Iterator<Row> chunk = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (!chunk.hasNext() && rows.hasNext()) {
                    chunk = encode(m, rows);
                }
                return chunk.hasNext();
            }

            @Override
            public Row next() {
                hasNext();
                return chunk.next();
            }
        };
    }

    /** The next chunk of rows, encoded. */
    private Iterator<Row> encode(Model m, Iterator<Row> rows) {
        List<Row> in = new ArrayList<>(Model.INFERENCE_BATCH);
        int d = m.inputSize();
        float[] x = new float[Model.INFERENCE_BATCH * d];
        while (in.size() < Model.INFERENCE_BATCH && rows.hasNext()) {
            Row r = rows.next();
            float[] v = input.values(r, field);
            if (v.length != d) {
                throw new org.sae4j.InvalidInputException(String.format("A row of %s has %d values but the model expects %d.",
                        input.describe(), v.length, d));
            }
            System.arraycopy(v, 0, x, in.size() * d, d);
            in.add(r);
        }
        int n = in.size();
        Dataset chunk = new Dataset(input.describe(), java.util.Arrays.copyOf(x, n * d), n, d);
        SparseCode code = SparseCode.concat(toList(m.encodeSparse(chunk)), m.latentSize());
        float[] recon = reconstruction ? m.normalizer().invert(m.reconstruct(chunk).values()) : null;
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row r = in.get(i);
            Object[] values = new Object[r.size() + (reconstruction ? 2 : 1)];
            for (int j = 0; j < r.size(); j++) {
                values[j] = r.get(j);
            }
            values[r.size()] = latents(code, i);
            if (reconstruction) {
                double[] y = new double[d];
                for (int j = 0; j < d; j++) {
                    y[j] = recon[i * d + j];
                }
                values[r.size() + 1] = Vectors.dense(y);
            }
            out.add(RowFactory.create(values));
        }
        return out.iterator();
    }

    private static Vector latents(SparseCode code, int row) {
        int from = code.rowStart()[row];
        int to = code.rowStart()[row + 1];
        // A SparseVector wants increasing indices; a top-k selection keeps them in the order it found them.
        Integer[] order = new Integer[to - from];
        for (int j = 0; j < order.length; j++) {
            order[j] = from + j;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(j -> code.index()[j]));
        int[] index = new int[order.length];
        double[] value = new double[order.length];
        for (int j = 0; j < order.length; j++) {
            index[j] = code.index()[order[j]];
            value[j] = code.value()[order[j]];
        }
        return Vectors.sparse(code.width(), index, value);
    }

    private static List<SparseCode> toList(Iterable<SparseCode> codes) {
        List<SparseCode> list = new ArrayList<>();
        codes.forEach(list::add);
        return list;
    }
}
