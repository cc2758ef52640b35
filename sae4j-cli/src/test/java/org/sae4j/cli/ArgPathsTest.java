package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint keeps absolute file paths, so a resumed run finds its data from any working directory. */
class ArgPathsTest {

    @Test
    void existingFilesBecomeAbsoluteAndEverythingElseStays(@TempDir Path dir) throws Exception {
        Path rel = Path.of("").toAbsolutePath().relativize(Files.createDirectories(dir.resolve("shards")));
        String abs = dir.resolve("shards").toString();
        List<String> args = List.of("--arch", "topk", "--data", rel.toString(), "--validation-data=" + rel + ":acts",
                "--labels", rel + "/*.npy", "--config", "missing.yaml", "--k", "8");
        assertEquals(List.of("--arch", "topk", "--data", abs, "--validation-data=" + abs + ":acts",
                "--labels", abs + "/*.npy", "--config", "missing.yaml", "--k", "8"), ArgPaths.absolute(args));
        assertEquals("synthetic:features=8,dim=4", ArgPaths.absolute("synthetic:features=8,dim=4"));
        assertEquals("embedded", ArgPaths.absolute("embedded"));
    }
}
