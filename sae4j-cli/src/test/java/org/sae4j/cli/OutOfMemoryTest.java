package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.ChildJvm;
import org.sae4j.data.TestShards;

/**
 * Out of memory anywhere in the command line is one sentence: what did not fit, the heap, and what to do (a larger
 * -Xmx, fewer rows or a smaller batch, streamed data), with nothing half-written and no stack trace. Each command runs
 * in a child JVM whose 24 MB heap cannot hold a 26 MB .npy file (small enough to be loaded whole).
 */
class OutOfMemoryTest {
    private static final String HEAP = "24m";

    @TempDir
    static Path dir;
    static Path big;
    static Path model;

    @BeforeAll
    static void prepare() throws Exception {
        big = dir.resolve("big.npy");
        TestShards.write(big, 21_000, 310, 4); // 26 MB of float32, under the 64 MiB from which a file streams
        Path small = dir.resolve("small.npy");
        TestShards.write(small, 600, 310, 5);
        model = dir.resolve("sae.safetensors");
        CliTest.Run r = CliTest.run("train", "--data", small.toString(), "--arch", "topk", "--width", "64", "--k", "4",
                "--epochs", "1", "-q", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void everyCommandSaysWhatDidNotFitInOneSentence() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        List<String[]> commands = List.of(
                new String[] {"eval", "--model", model.toString(), "--data", big.toString()},
                new String[] {"encode", "--model", model.toString(), "--data", big.toString(), "--no-sparse", "--out",
                        out.resolve("codes.npy").toString()},
                new String[] {"export", "--model", model.toString(), "--data", big.toString(), "--out",
                        out.resolve("saelens").toString()},
                new String[] {"report", "--model", model.toString(), "--data", big.toString(), "--out",
                        out.resolve("report").toString()},
                new String[] {"train", "--data", big.toString(), "--arch", "topk", "--width", "32", "--k", "4", "-q",
                        "-o", out.resolve("m.safetensors").toString()},
                new String[] {"sweep", "--data", big.toString(), "--arch", "topk", "--width", "32", "--over", "k=2,4",
                        "-q", "--out", out.resolve("sweep").toString()});
        for (String[] args : commands) {
            ChildJvm.Result r = ChildJvm.sae4j(HEAP, args);
            String command = args[0];
            assertEquals(Main.USER_ERROR, r.code(), command + ": " + r.output());
            List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
            String error = lines.get(lines.size() - 1);
            assertTrue(error.startsWith("Error: "), command + ": " + r.output());
            assertEquals(1, lines.stream().filter(l -> l.startsWith("Error: ")).count(), command + ": " + r.output());
            assertFalse(r.output().contains("\tat ") || r.output().contains("OutOfMemoryError"), command + ": " + r.output());
            assertTrue(error.contains("-Xmx"), command + ": " + error);
            assertTrue(error.contains("big.npy") || error.contains("needs"), command + " names what did not fit: " + error);
            if (error.contains("Out of memory")) {
                assertTrue(error.contains("maximum heap") && error.endsWith("nothing was half-written."), error);
            }
        }
        assertEquals(List.of(), leftovers(dir), "nothing half-written");
    }

    /** Files a failed write could leave: temp files, and any output at all in the outputs' folder. */
    private static List<String> leftovers(Path root) throws Exception {
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(root)) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".tmp") || n.startsWith("out/")).forEach(found::add);
        }
        return found;
    }
}
