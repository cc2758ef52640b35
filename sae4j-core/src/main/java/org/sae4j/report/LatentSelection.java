package org.sae4j.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Which latents the feature browser shows: the most frequent, the least frequent among those that fired at
 * least once (a dead latent has no inputs to show; the density histogram counts them), and a seeded random
 * sample of the alive ones, so two reports of the same model and data show the same latents.
 *
 * @param mostFrequent  by firing count, highest first (ties by latent id)
 * @param leastFrequent by firing count, lowest first, none of them already in mostFrequent
 * @param random        sorted by id
 */
public record LatentSelection(int[] mostFrequent, int[] leastFrequent, int[] random) {

    public static LatentSelection of(long[] firingCounts, int perSection, long seed) {
        int[] alive = IntStream.range(0, firingCounts.length).filter(i -> firingCounts[i] > 0).toArray();
        Integer[] byCount = Arrays.stream(alive).boxed().toArray(Integer[]::new);
        Arrays.sort(byCount, Comparator.<Integer>comparingLong(i -> -firingCounts[i]).thenComparingInt(i -> i));
        int m = Math.min(perSection, alive.length);
        int[] most = new int[m];
        for (int i = 0; i < m; i++) {
            most[i] = byCount[i];
        }
        // Rarest first, skipping those already shown as frequent (when few latents are alive the lists would meet).
        List<Integer> least = new ArrayList<>();
        for (int i = byCount.length - 1; i >= m && least.size() < perSection; i--) {
            least.add(byCount[i]);
        }
        // A partial Fisher-Yates shuffle: the first m of a seeded permutation of the alive latents.
        int[] pool = alive.clone();
        Random rnd = new Random(seed);
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] random = Arrays.copyOf(pool, m);
        Arrays.sort(random);
        return new LatentSelection(most, least.stream().mapToInt(Integer::intValue).toArray(), random);
    }

    /** Every selected latent once, in first-seen order. */
    public int[] all() {
        return IntStream.concat(IntStream.concat(IntStream.of(mostFrequent), IntStream.of(leastFrequent)),
                IntStream.of(random)).distinct().toArray();
    }
}
