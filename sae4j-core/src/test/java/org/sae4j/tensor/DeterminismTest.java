package org.sae4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.ChildJvm;

/**
 * The vector activations give the same bits interpreted and compiled (the CLI half of this check, same seed and
 * same model bytes across JVMs, is {@code org.sae4j.cli.TrainDeterminismTest}). Each run is a fresh JVM because the
 * JIT compiles at different moments in each, and code whose result depends on compilation shows up only there.
 */
class DeterminismTest {

    /** Prints a digest of the activations, computed interpreted (-Xint) or after the JIT has warmed up. */
    public static void main(String[] args) {
        int n = 20_000;
        float[] z = new float[n];
        Rng rng = new Rng(7);
        for (int i = 0; i < n; i++) {
            z[i] = rng.uniform(-12f, 12f);
        }
        float[] s = new float[n];
        float[] t = new float[n];
        for (int rep = 0; rep < Integer.parseInt(args[0]); rep++) {
            VectorKernels.INSTANCE.sigmoid(z, s, n);
            VectorKernels.INSTANCE.tanh(z, t, n);
        }
        System.out.println(Arrays.hashCode(s) + " " + Arrays.hashCode(t));
    }

    @Test
    void activationsDoNotDependOnTheJit() throws Exception {
        String interpreted = java(List.of("-Xint"), DeterminismTest.class.getName(), "1");
        String compiled = java(List.of(), DeterminismTest.class.getName(), "3000");
        assertEquals(interpreted, compiled);
    }

    private static String java(List<String> jvmOptions, String mainClass, String... args) throws Exception {
        ChildJvm.Result r = ChildJvm.run(jvmOptions, mainClass, args);
        assertEquals(0, r.code(), r.output());
        return r.output();
    }
}
