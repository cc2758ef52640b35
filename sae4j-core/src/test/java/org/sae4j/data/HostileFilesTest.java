package org.sae4j.data;

import static org.sae4j.data.Fixtures.npy;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted .npy headers that nest or trail: a clear error, never a stack overflow (the command-line half is HostileFilesCliTest). */
class HostileFilesTest {
    @TempDir
    Path dir;

    @Test
    void deeplyNestedNpyHeaderIsRefusedNotAStackOverflow() {
        String deep = "(".repeat(5000) + ")".repeat(5000);
        Path f = write(dir, "deep.npy", npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': " + deep + "}",
                new byte[0]));
        userError(() -> NpyReader.read(f), "deep.npy", "nests brackets more than");
    }

    @Test
    void trailingTextMessageReadsAsASentence() {
        Path f = write(dir, "tail.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), } x",
                new byte[4]));
        userError(() -> NpyReader.read(f), "tail.npy", "header that has unexpected text after the closing brace");
    }
}
