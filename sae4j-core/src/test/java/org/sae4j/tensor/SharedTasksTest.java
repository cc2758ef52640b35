package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class SharedTasksTest {
    private static final long BIG = ParallelRows.PARALLEL_THRESHOLD; // takes the parallel path

    private static AtomicIntegerArray runCounting(int tasks) {
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        SharedTasks.run(tasks, BIG, () -> runs::incrementAndGet);
        return runs;
    }

    @Test
    void runsEveryTaskExactlyOnceForAnyThreadCount() {
        try {
            for (int threads : new int[] {1, 2, 3, 8, 2}) {
                ParallelRows.splitForTests(threads);
                for (int tasks : new int[] {1, 2, 7, 100}) {
                    for (int repeat = 0; repeat < 20; repeat++) {
                        AtomicIntegerArray runs = runCounting(tasks);
                        for (int t = 0; t < tasks; t++) {
                            assertEquals(1, runs.get(t), "task " + t + " of " + tasks + ", " + threads + " threads");
                        }
                    }
                }
            }
        } finally {
            ParallelRows.splitForTests(0);
        }
    }

    @Test
    void callsFromSeveralThreadsAtOnceAndNestedCallsAllComplete() throws Exception {
        ParallelRows.splitForTests(3);
        try {
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                Thread th = new Thread(() -> {
                    for (int repeat = 0; repeat < 50; repeat++) {
                        AtomicIntegerArray inner = new AtomicIntegerArray(10 * 5);
                        SharedTasks.run(10, BIG, () -> task -> SharedTasks.run(5, BIG,
                                () -> sub -> inner.incrementAndGet(task * 5 + sub)));
                        for (int i = 0; i < inner.length(); i++) {
                            if (inner.get(i) != 1) {
                                throw new AssertionError("nested task " + i + " ran " + inner.get(i) + " times");
                            }
                        }
                    }
                });
                th.setUncaughtExceptionHandler((t, e) -> {
                    synchronized (failures) {
                        failures.add(e);
                    }
                });
                callers.add(th);
                th.start();
            }
            for (Thread th : callers) {
                th.join();
            }
            assertEquals(List.of(), failures);
        } finally {
            ParallelRows.splitForTests(0);
        }
    }

    @Test
    void aFailingTaskFailsTheCallAndLeavesTheHelpersUsable() {
        ParallelRows.splitForTests(2);
        try {
            IntConsumer failing = task -> {
                if (task == 3) {
                    throw new IllegalArgumentException("task 3");
                }
            };
            for (int repeat = 0; repeat < 10; repeat++) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SharedTasks.run(8, BIG, () -> failing));
                assertEquals("task 3", e.getMessage());
                AtomicIntegerArray runs = runCounting(8);
                for (int t = 0; t < 8; t++) {
                    assertEquals(1, runs.get(t));
                }
            }
        } finally {
            ParallelRows.splitForTests(0);
        }
    }
}
