package org.sae4j.spark.eval;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sae4j.InvalidInputException;
import org.sae4j.eval.EvalReport;
import org.sae4j.eval.EvalSums;
import org.sae4j.eval.Metrics;
import org.sae4j.model.Model;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.spark.reduce.TreeReduce;
import scala.Tuple2;

/**
 * {@code sae4j eval} over rows spread across a cluster: each partition runs core's {@link Metrics.Pass} over its rows
 * {@link Model#INFERENCE_BATCH} at a time (checked and normalised as the model was trained), and the partitions'
 * {@link EvalSums} merge in the fixed tree over partition numbers. Every figure is a ratio of those sums with its one
 * definition ({@code eval.Metrics}), so the report equals a single-machine pass over the same rows, the counts
 * (samples, L0, dead latents, density) exactly and the rest up to the order of the additions; and the same
 * partitioning gives the same bits on every run.
 */
public final class DistributedEval {
    private DistributedEval() {
    }

    /**
     * The report of the model in {@code modelBytes} on raw {@code rows} (training rows: inputs, or [x | y] for a
     * transcoder), named {@code name}; threshold null picks by the model's activation.
     */
    public static EvalReport evaluate(JavaSparkContext sc, byte[] modelBytes, JavaRDD<float[]> rows, Double threshold,
                                      String name) {
        Broadcast<byte[]> model = sc.broadcast(modelBytes);
        try {
            int partitions = rows.getNumPartitions();
            EvalSums sums = TreeReduce.reduce(rows.mapPartitionsWithIndex((p, it) -> List.of(
                    new Tuple2<>(p, pass(ModelBytes.load(model.value()), it, threshold, name, p))).iterator(), true)
                    .mapToPair(t -> t), partitions, EvalSums::merge);
            if (sums.rows() == 0) {
                throw new InvalidInputException("Data " + name + " holds no rows; expected at least one to evaluate.");
            }
            return sums.report(name);
        } finally {
            model.destroy();
        }
    }

    /** One partition's sums. */
    static EvalSums pass(Model m, Iterator<float[]> rows, Double threshold, String name, int partition) {
        int cols = m.rowSize();
        Metrics.Pass pass = new Metrics.Pass(m, cols, threshold);
        float[] x = new float[Model.INFERENCE_BATCH * cols];
        int n = 0;
        long row = 0;
        while (rows.hasNext()) {
            float[] v = rows.next();
            if (v.length != cols) {
                throw new InvalidInputException(String.format("Row %d of partition %d of %s has %d values but the model "
                        + "expects %d.", row, partition, name, v.length, cols));
            }
            System.arraycopy(v, 0, x, n * cols, cols);
            row++;
            if (++n == Model.INFERENCE_BATCH) {
                pass.addRaw(x, n, name);
                n = 0;
            }
        }
        if (n > 0) {
            pass.addRaw(x, n, name);
        }
        return pass.sums();
    }
}
