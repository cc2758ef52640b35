package org.sae4j.spark.train;

import java.util.ArrayList;
import java.util.List;
import org.sae4j.InvalidInputException;
import org.sae4j.model.Model;
import org.sae4j.spark.io.HadoopFiles;
import org.sae4j.spark.io.ModelBytes;
import org.sae4j.tensor.NamedArrays;

/**
 * A distributed run's checkpoints in one directory of any Hadoop-compatible file system: the prepared start model
 * ({@code start.safetensors}) and, after every N rounds, the whole state of the run ({@code round-NNNNNNNN.ckpt}: the
 * training state, each replica's data cursor, the epoch's running sums, and what the run was started with); for a
 * run that searches its coefficient first, the search's progress ({@code search.ckpt}: the runs finished so far,
 * measured), so a stopped search goes on from its last finished run. Each file is renamed into place whole, so the
 * newest one is always complete; of the round files the one before it is kept too. A job checks the start against
 * its own before it reads anything else, so a directory another job wrote is refused, not resumed.
 */
final class RunCheckpoints {
    private static final String START = "start.safetensors";
    private static final String PREFIX = "round-";
    private static final String SUFFIX = ".ckpt";
    private static final String SEARCH = "search.ckpt";
    private final HadoopFiles files;
    private final String dir;

    RunCheckpoints(HadoopFiles files, String dir) {
        this.files = files;
        this.dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    /** A run saved earlier: its start model and its newest state. */
    record Saved(Model start, NamedArrays state) {
    }

    /** The newest complete checkpoint, or null when the directory holds none. */
    Saved latest() {
        String newest = null;
        for (String name : files.list(dir)) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && (newest == null || name.compareTo(newest) > 0)) {
                newest = name;
            }
        }
        if (newest == null) {
            return null;
        }
        byte[] start = files.read(dir + "/" + START);
        return new Saved(ModelBytes.load(start), ModelBytes.loadState(files.read(dir + "/" + newest)));
    }

    /** Saves the state after round {@code round} (counted from 1) and drops all but the previous one. */
    void save(long round, NamedArrays state) {
        String name = String.format("%s%08d%s", PREFIX, round, SUFFIX);
        files.write(dir + "/" + name, ModelBytes.ofState(state));
        List<String> old = new ArrayList<>();
        for (String n : files.list(dir)) {
            if (n.startsWith(PREFIX) && n.endsWith(SUFFIX) && n.compareTo(name) < 0) {
                old.add(n);
            }
        }
        old.sort(null);
        for (int i = 0; i < old.size() - 1; i++) {
            files.delete(dir + "/" + old.get(i), false);
        }
    }

    /** The coefficient search's progress saved earlier, or null when there is none. */
    NamedArrays search() {
        String path = dir + "/" + SEARCH;
        if (!files.exists(path)) {
            return null;
        }
        try {
            return ModelBytes.loadState(files.read(path));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("'" + path + "' is not a coefficient search's progress that sae4j can read; "
                    + "delete it to start the search again.");
        }
    }

    /**
     * Takes the directory for a run from {@code start} (model-file bytes), before anything trains: writes the start
     * when the directory has none, and refuses it when it holds another run's, whose checkpoints belong to another
     * model or other data.
     */
    void claimStart(byte[] start) {
        String path = dir + "/" + START;
        if (!files.exists(path)) {
            files.write(path, start);
        } else if (!java.util.Arrays.equals(files.read(path), start)) {
            throw new InvalidInputException("The checkpoint in '" + dir + "' was written by a run that started from "
                    + "another model (other model flags, seed or data); give the same ones, or another checkpoint "
                    + "directory.");
        }
    }

    /** Saves a coefficient search's progress, replacing what was saved before. */
    void saveSearch(NamedArrays state) {
        files.write(dir + "/" + SEARCH, ModelBytes.ofState(state));
    }

    /** Refuses a checkpoint written for other settings or data, in one sentence. */
    static void requireSameRun(NamedArrays saved, String settings, long[] replicaRows, String dir) {
        if (!settings.equals(saved.text("spark/settings"))) {
            throw new InvalidInputException("The checkpoint in '" + dir + "' was written by a run with other settings ("
                    + saved.text("spark/settings") + "); give the same settings or another checkpoint directory.");
        }
        if (!java.util.Arrays.equals(replicaRows, saved.longs("spark/rows"))) {
            throw new InvalidInputException("The checkpoint in '" + dir + "' was written for partitions of "
                    + java.util.Arrays.toString(saved.longs("spark/rows")) + " rows, but the data now gives "
                    + java.util.Arrays.toString(replicaRows) + "; resume with the same data and partitions.");
        }
    }
}
