package org.sae4j.spark.train;

import org.sae4j.tensor.NamedArrays;

/**
 * Where a distributed run stands between rounds: what a checkpoint holds, and what the next round broadcasts.
 *
 * @param round   rounds done
 * @param step    steps done
 * @param state   the merged training state
 * @param cursors rows each replica has served
 * @param stats   the running sums of the epoch in progress, or null at an epoch start
 */
record Progress(long round, long step, NamedArrays state, long[] cursors, double[] stats) {

    static Progress start(NamedArrays state, int replicas) {
        return new Progress(0, 0, state, new long[replicas], null);
    }

    /** The progress a checkpoint ({@link #checkpoint}) holds. */
    static Progress of(NamedArrays saved) {
        long[] position = saved.longs("spark/position");
        NamedArrays state = new NamedArrays();
        for (String name : saved.names()) {
            if (!name.startsWith("spark/")) {
                copy(saved, name, state);
            }
        }
        return new Progress(position[0], position[1], state, saved.longs("spark/cursors"),
                saved.has("spark/stats") ? saved.doubles("spark/stats") : null);
    }

    /** The checkpoint of this progress: the state plus the run's position, and what the run was started with. */
    NamedArrays checkpoint(String settings, long[] replicaRows) {
        NamedArrays s = state.copy();
        s.put("spark/position", new long[] {round, step});
        s.put("spark/cursors", cursors);
        if (stats != null) {
            s.put("spark/stats", stats);
        }
        s.put("spark/settings", settings);
        s.put("spark/rows", replicaRows);
        return s;
    }

    private static void copy(NamedArrays from, String name, NamedArrays to) {
        Object v = from.get(name);
        if (v instanceof float[] f) {
            to.put(name, f);
        } else if (v instanceof double[] d) {
            to.put(name, d);
        } else if (v instanceof long[] l) {
            to.put(name, l);
        } else {
            to.put(name, (String) v);
        }
    }
}
