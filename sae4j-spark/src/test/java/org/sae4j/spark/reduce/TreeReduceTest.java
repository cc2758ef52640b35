package org.sae4j.spark.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.junit.jupiter.api.Test;
import org.sae4j.spark.TestSpark;
import scala.Tuple2;

/**
 * The tree is the same whatever runs where: a merge that records its bracketing gives one bracketing for every
 * group size (all on the driver, groups of 2, 4 and 8 on the executors) and for leaves listed in any order.
 */
class TreeReduceTest {
    private static final TreeReduce.Merge<String> BRACKETS = (a, b) -> "(" + a + " " + b + ")";

    @Test
    void oneBracketingAtEveryDepth() {
        int n = 11;
        List<Tuple2<Integer, String>> leaves = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            leaves.add(new Tuple2<>(i, Integer.toString(i)));
        }
        String expected = "((((0 1) (2 3)) ((4 5) (6 7))) ((8 9) 10))";
        assertEquals(expected, TreeReduce.binary(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), BRACKETS));
        for (int bits = 0; bits <= 3; bits++) {
            JavaPairRDD<Integer, String> rdd = JavaPairRDD.fromJavaRDD(TestSpark.context().parallelize(leaves, 3));
            assertEquals(expected, TreeReduce.reduce(rdd, n, BRACKETS, bits), "groups of 2^" + bits);
        }
        assertEquals(0, TreeReduce.groupBits(7));
        assertEquals(2, TreeReduce.groupBits(11));
    }
}
