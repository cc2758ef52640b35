package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.io.OutputLock;

/** {@code train --resume OUT} where there is nothing to resume says why in one sentence and what to do instead. */
class RunCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void nothingAtAllSaysTheRunMustBeStartedAgain() {
        Path out = dir.resolve("topk-k");
        CliTest.run("train", "--resume", out.toString()).assertUserError("There is nothing to resume in '" + out
                + "'", "no checkpoint '" + out + ".ckpt' and no model", "must be started again");
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointIsNamedWithItsCommand() throws Exception {
        Path out = dir.resolve("wide.safetensors");
        // What a run killed while loading its data leaves: its lock file, with its pid (long gone) and command line.
        Files.writeString(OutputLock.of(out), "2147483646\nsae4j train --arch topk --width 16384 -o " + out + "\n");
        CliTest.run("train", "--resume", out.toString()).assertUserError("There is nothing to resume in '" + out
                + "': its run was stopped before its first checkpoint", "start it again: sae4j train --arch topk --width "
                + "16384 -o " + out);
        assertTrue(Files.exists(OutputLock.of(out)), "the stale lock is left for the run that takes it over");
    }

    @Test
    void aRunStillLoadingItsDataIsNamedAsLive() {
        Path out = dir.resolve("busy.safetensors");
        try (OutputLock live = OutputLock.acquire(out, "sae4j train -o " + out)) {
            CliTest.run("train", "--resume", out.toString()).assertUserError("Another sae4j run (pid "
                    + ProcessHandle.current().pid() + ") is writing '" + out + "' now");
        }
    }
}
