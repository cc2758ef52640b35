package org.sae4j.spark.train;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.sae4j.InvalidInputException;
import scala.Tuple2;

/**
 * Rows of floats into one {@link Block} per partition, checked on the executors; optionally first spread over a
 * given number of partitions in contiguous ranges of the input order, so the same data and partition count give the
 * same partitions whatever the input's own partitioning.
 */
public final class Blocks {
    private Blocks() {
    }

    /**
     * The blocks of {@code rows} ({@code cols} values each; {@code what} names them in errors), in
     * {@code partitions} contiguous ranges, or as the input is partitioned when {@code partitions} is 0.
     */
    public static JavaRDD<Block> of(JavaRDD<float[]> rows, int cols, int partitions, String what) {
        JavaRDD<float[]> spread = partitions > 0 ? contiguous(rows, partitions) : rows;
        return spread.mapPartitionsWithIndex((index, it) -> List.of(block(index, it, cols, what)).iterator(), true);
    }

    /** Row i of n goes to partition floor(i·p/n), in order within it: ranges of the input order. */
    static JavaRDD<float[]> contiguous(JavaRDD<float[]> rows, int partitions) {
        long n = Math.max(1, rows.count());
        return rows.zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .repartitionAndSortWithinPartitions(new Ranges(partitions, n)).values();
    }

    static Block block(int index, Iterator<float[]> it, int cols, String what) {
        float[] values = new float[Math.multiplyExact(cols, 1024)];
        int rows = 0;
        while (it.hasNext()) {
            float[] row = it.next();
            String bad = check(row, cols, what, index, rows);
            if (bad != null) {
                return new Block(index, 0, cols, new float[0], bad);
            }
            if ((long) (rows + 1) * cols > values.length) {
                values = java.util.Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * values.length));
                if ((long) (rows + 1) * cols > values.length) {
                    return new Block(index, 0, cols, new float[0], "Partition " + index + " of " + what + " holds more than "
                            + values.length / cols + " rows, more than one array can hold; use more partitions.");
                }
            }
            System.arraycopy(row, 0, values, rows * cols, cols);
            rows++;
        }
        return new Block(index, rows, cols, rows * cols == values.length ? values
                : java.util.Arrays.copyOf(values, rows * cols), null);
    }

    private static String check(float[] row, int cols, String what, int partition, int at) {
        if (row == null) {
            return String.format("Row %d of partition %d of %s is null; expected %d values.", at, partition, what, cols);
        }
        if (row.length != cols) {
            return String.format("Row %d of partition %d of %s has %d values but the model expects %d.", at, partition,
                    what, row.length, cols);
        }
        for (int j = 0; j < cols; j++) {
            if (!Float.isFinite(row[j])) {
                return String.format("Row %d of partition %d of %s holds %s at position %d; remove or repair the rows that "
                        + "are not finite.", at, partition, what, row[j], j);
            }
        }
        return null;
    }

    /** The first error of {@code blocks} (in partition order) as the one sentence it is; none: nothing. */
    public static void requireValid(List<Block> blocks) {
        for (Block b : blocks) {
            if (b.error() != null) {
                throw new InvalidInputException(b.error());
            }
        }
    }

    /** Ranges of the row index: index i of n to partition floor(i·p/n). */
    static final class Ranges extends Partitioner {
        private final int partitions;
        private final long rows;

        Ranges(int partitions, long rows) {
            this.partitions = partitions;
            this.rows = rows;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.min(partitions - 1, (long) key * partitions / rows);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ranges r && r.partitions == partitions && r.rows == rows;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(rows) * 31 + partitions;
        }
    }
}
