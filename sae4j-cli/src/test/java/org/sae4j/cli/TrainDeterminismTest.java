package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;

/**
 * Same seed, same bytes, on the default (vector) backend, across JVMs. Each run is a fresh JVM because the
 * JIT compiles at different moments in each, and code whose result depends on compilation shows up only there.
 */
class TrainDeterminismTest {

    @Test
    void trainingTwiceInSeparateJvmsGivesTheSameModelBytes(@TempDir Path dir) throws Exception {
        byte[][] models = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("m" + i + ".safetensors");
            ChildJvm.Result r = ChildJvm.run(List.of(), "org.sae4j.cli.Main", "train", "--epochs", "2", "--limit", "2000", "-q",
                    "-o", out.toString());
            assertEquals(0, r.code(), r.output());
            models[i] = Files.readAllBytes(out);
        }
        assertArrayEquals(models[0], models[1]);
    }

}
