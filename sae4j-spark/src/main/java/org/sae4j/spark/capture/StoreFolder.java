package org.sae4j.spark.capture;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.StoreInfo;
import org.sae4j.io.ActivationStoreWriter;
import org.sae4j.io.AtomicFiles;

/**
 * Where a distributed capture's store is put together: a hidden folder beside {@code out} that the partitions write
 * their shards into, completed by the driver (tokenizer.json, then capture.json) and renamed to {@code out} in one
 * step, so {@code out} is either absent or a whole store, and a failed job leaves nothing there (its hidden folder
 * is removed). Unlike {@code sae4j capture}, a distributed capture does not resume: Spark re-runs lost tasks instead.
 */
final class StoreFolder {
    private final Path out;
    private final Path staging;

    private StoreFolder(Path out, Path staging) {
        this.out = out;
        this.staging = staging;
    }

    /** Checks that {@code out} is free (absent or an empty folder) and creates the hidden folder beside it. */
    static StoreFolder begin(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        if (ActivationStore.isStore(abs)) {
            throw new InvalidInputException("Folder '" + out + "' already holds an activation store; expected a new folder for "
                    + "--out (a distributed capture does not resume one).");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidInputException("'" + out + "' is a file; expected a folder for the activation store.");
        }
        if (Files.isDirectory(abs)) {
            try (Stream<Path> s = Files.list(abs)) {
                if (s.findAny().isPresent()) {
                    throw new InvalidInputException("Folder '" + out + "' is not empty; expected a new folder for the activation store.");
                }
            } catch (IOException e) {
                throw new InvalidInputException("Cannot list '" + out + "' (" + IoErrors.reason(e) + ").");
            }
        }
        Path staging = abs.resolveSibling("." + abs.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot create '" + staging + "' beside --out (" + IoErrors.reason(e)
                    + "); expected a writable folder.");
        }
        return new StoreFolder(out, staging);
    }

    /** The hidden folder the partitions write into (an absolute path, the same on every executor of a shared disk). */
    String staging() {
        return staging.toString();
    }

    /** Writes the model's tokenizer.json and capture.json into the hidden folder and renames it to {@code out}. */
    void complete(StoreInfo info, byte[] tokenizer) {
        try {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging, ".*")) {
                for (Path p : ds) {
                    Files.deleteIfExists(p); // a killed task's temp file: no shard lists it
                }
            }
            AtomicFiles.write(staging.resolve(info.tokenizer()), o -> o.write(tokenizer));
            ActivationStoreWriter.finish(staging, info);
            Path target = out.toAbsolutePath().normalize();
            Files.deleteIfExists(target); // an empty folder, checked in begin()
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot complete the activation store '" + out + "' (" + IoErrors.reason(e) + ").");
        }
    }

    /** Removes the hidden folder and what the partitions wrote into it (after a failure). */
    void abandon() {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is hidden and named as partial
        }
    }
}
