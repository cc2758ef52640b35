package org.sae4j.spark.reduce;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * A deterministic tree reduction: leaves 0..n-1 (one partial each) merge in the one binary tree over their indices,
 * pairs (0,1), (2,3), … at every level, an odd last one moving up unmerged. The lower levels run on the executors:
 * the leaves are shuffled in aligned groups of 2^b (group g holds leaves g·2^b … (g+1)·2^b - 1, which is a subtree),
 * each group is merged there, and the driver merges the groups' results. Because an aligned group is a subtree of
 * the same tree, the result is the same bits for every b (every depth) and whatever order the tasks finish in,
 * while the driver holds only n/2^b partials, not n.
 *
 * <p>Why not {@code treeAggregate}: it folds the values of each key in the order the shuffle fetches them and the
 * driver reduces the last level in task-completion order, so floating-point sums would vary from run to run.
 */
public final class TreeReduce {
    /** An associative merge of a left partial (lower leaves) with a right one; it may reuse its arguments. */
    public interface Merge<T> extends Serializable {
        T merge(T left, T right);
    }

    private TreeReduce() {
    }

    /** Merges {@code leaves} (keys exactly 0..n-1), grouping by about √n on the executors. */
    public static <T> T reduce(JavaPairRDD<Integer, T> leaves, int n, Merge<T> merge) {
        return reduce(leaves, n, merge, groupBits(n));
    }

    /**
     * As above with groups of 2^{@code bits} leaves merged on the executors; 0 merges every leaf on the driver (one
     * collect, no shuffle). Every {@code bits} gives the same result.
     */
    public static <T> T reduce(JavaPairRDD<Integer, T> leaves, int n, Merge<T> merge, int bits) {
        if (n < 1) {
            throw new IllegalArgumentException("no leaves to reduce");
        }
        JavaPairRDD<Integer, T> level = leaves;
        if (bits > 0 && n > 1 << bits) {
            int groups = (int) (((long) n + (1L << bits) - 1) >> bits);
            level = leaves.partitionBy(new Groups(bits, groups)).mapPartitionsToPair(it -> group(it, bits, merge));
        }
        List<Tuple2<Integer, T>> top = new ArrayList<>(level.collect());
        top.sort(Comparator.comparing(Tuple2::_1));
        for (int i = 0; i < top.size(); i++) {
            if (top.get(i)._1() != i) {
                throw new IllegalStateException("leaf or group " + i + " is missing or repeated: " + keys(top));
            }
        }
        return binary(values(top), merge);
    }

    /** The groups of √n leaves (rounded to a power of two); none below 8 leaves, where a shuffle costs more. */
    public static int groupBits(int n) {
        if (n < 8) {
            return 0;
        }
        int log = 32 - Integer.numberOfLeadingZeros(n - 1); // ceil(log2 n)
        return (log + 1) / 2;
    }

    /** The binary tree over {@code ordered}: pairs at each level, an odd last one moving up as it is. */
    public static <T> T binary(List<T> ordered, Merge<T> merge) {
        List<T> level = new ArrayList<>(ordered);
        while (level.size() > 1) {
            List<T> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(i + 1 < level.size() ? merge.merge(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = up;
        }
        return level.get(0);
    }

    private static <T> Iterator<Tuple2<Integer, T>> group(Iterator<Tuple2<Integer, T>> it, int bits, Merge<T> merge) {
        List<Tuple2<Integer, T>> leaves = new ArrayList<>();
        it.forEachRemaining(leaves::add);
        if (leaves.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        leaves.sort(Comparator.comparing(Tuple2::_1));
        int g = leaves.get(0)._1() >> bits;
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i)._1() != (g << bits) + i) {
                throw new IllegalStateException("group " + g + " has leaves " + keys(leaves) + "; expected consecutive ones");
            }
        }
        return List.of(new Tuple2<>(g, binary(values(leaves), merge))).iterator();
    }

    private static <T> List<T> values(List<Tuple2<Integer, T>> keyed) {
        List<T> v = new ArrayList<>(keyed.size());
        for (Tuple2<Integer, T> t : keyed) {
            v.add(t._2());
        }
        return v;
    }

    private static <T> List<Integer> keys(List<Tuple2<Integer, T>> keyed) {
        List<Integer> k = new ArrayList<>();
        for (Tuple2<Integer, T> t : keyed) {
            k.add(t._1());
        }
        return k;
    }

    /** Leaf i to partition i >> bits: aligned groups of 2^bits consecutive leaves. */
    static final class Groups extends Partitioner {
        private final int bits;
        private final int groups;

        Groups(int bits, int groups) {
            this.bits = bits;
            this.groups = groups;
        }

        @Override
        public int numPartitions() {
            return groups;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key >> bits;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Groups g && g.bits == bits && g.groups == groups;
        }

        @Override
        public int hashCode() {
            return bits * 31 + groups;
        }
    }
}
