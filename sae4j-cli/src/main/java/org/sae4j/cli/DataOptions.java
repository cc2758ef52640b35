package org.sae4j.cli;

import java.util.Locale;
import org.sae4j.InvalidInputException;
import org.sae4j.data.DataSources;
import org.sae4j.data.Dataset;
import org.sae4j.data.RowReader;
import org.sae4j.data.RowSlice;
import org.sae4j.data.Shards;
import org.sae4j.data.SourceRows;
import org.sae4j.data.StreamProvider;
import org.sae4j.data.StreamingData;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --data} and {@code --limit} options shared by every command that reads samples, and the one path by
 * which every command opens them: a named source, a file, or a folder or glob of shards (and a file large enough
 * to stream), so each command takes every form {@code train} takes. Streamed data is read a chunk at a time by
 * the commands that need one pass ({@link #rows}), and copied into memory, within the heap, by those that need
 * more ({@link #load}).
 */
class DataOptions {
    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "embedded",
            description = "embedded: the 10,000 Fashion-MNIST test images inside sae4j (default of train, encode, "
                    + "sweep, bench);%n"
                    + "embedded-held-out: their last 1,000, which train holds out (default of eval and report);%n"
                    + "fashion-mnist: the 60,000 training images (Debian's dataset-fashion-mnist);%n"
                    + "fashion-mnist-test: its 10,000 test images;%n"
                    + "synthetic:KEY=VALUE,... (features, dim, active, samples, seed, start, dist, alpha, coeff, "
                    + "coeffmin, coeffmax, hierarchy, childprob, correlation, groupsize): seeded superposition data "
                    + "with known features;%n"
                    + "a file: IDX (raw or .gz), .csv, .npy (float16/32/64 or integers) or .safetensors (a 2-D "
                    + "F32/F16/BF16/F64 tensor); files of 64 MiB and up stream;%n"
                    + "a folder or glob of .npy and .safetensors shards, streamed: acts/, 'acts/part-0[0-3]*';%n"
                    + "FILE.safetensors:NAME or acts/:NAME: the tensor NAME of each file;%n"
                    + "an activation store folder (capture.json and its shards), streamed.")
    String source;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N samples.")
    Integer limit;

    /** The data's width when known before loading (named sources), else 1; see {@link DataSources#widthHint}. */
    int widthHint() {
        return DataSources.widthHint(source);
    }

    /**
     * The validation fraction whose held-out rows to keep (only those that train held out of this data with
     * that --validation-split), or null for all rows; {@link HeldOut} gives commands the flag.
     */
    Double heldOut() {
        return null;
    }

    /** --data, or {@code fallback} when it was not given (eval and report score held-out rows by default). */
    String chosen(String fallback, CommandSpec spec) {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--data");
        // --held-out picks train's held-out rows of the data itself, so it applies to --data's own default.
        return given || heldOut() != null ? source : fallback;
    }

    /**
     * True when {@code chosen} is read a chunk at a time: a folder, a glob, a file large enough to stream, or a source
     * another module provides ({@code lm:...}, captured as it is read).
     */
    static boolean streams(String chosen) {
        return chosen != null && (Shards.isShardSpec(chosen) || StreamProvider.looksProvided(chosen));
    }

    Dataset load() {
        return load(source, null);
    }

    /** Any source in memory, as --data reads it (for --validation-data, which takes the same forms). */
    static Dataset resolve(String spec) {
        DataOptions d = new DataOptions();
        d.source = spec;
        return d.load();
    }

    /** As {@link #load()}, with the labels applied to the whole data before --limit (so a labels file matches it). */
    Dataset load(LabelsOption labels) {
        return load(source, labels);
    }

    /** As {@link #load()}, but {@code fallback} when --data was not given (eval and report score held-out rows). */
    Dataset loadOr(String fallback, CommandSpec spec) {
        return load(chosen(fallback, spec), null);
    }

    Dataset loadOr(String fallback, CommandSpec spec, LabelsOption labels) {
        return load(chosen(fallback, spec), labels);
    }

    /** The rows --limit and --held-out select, in memory; streamed data is read into memory within the heap. */
    Dataset load(String chosen, LabelsOption labels) {
        requireValid();
        OutOfMemory.doing("reading the data '" + chosen + "' into memory");
        if (streams(chosen)) {
            if (labels != null && labels.given() && StreamProvider.looksProvided(chosen)) {
                throw new InvalidInputException("--labels numbers the rows of stored data, but data '" + chosen
                        + "' is captured as it is read; capture it into a store first (sae4j capture).");
            }
            try (RowReader rows = rows(chosen)) {
                Dataset d = inMemory(rows);
                if (labels == null || !labels.given()) {
                    return d;
                }
                try (Shards all = Shards.open(chosen)) { // a labels file numbers every row of the data
                    return labels.apply(d, all.rows(), first(all.rows(), all.cols(), chosen));
                }
            }
        }
        Dataset data = DataSources.resolve(chosen);
        data = labels == null ? data : labels.apply(data);
        if (limit != null) {
            data = data.limit(limit);
        }
        if (heldOut() == null) {
            return data;
        }
        int held = (int) Math.floor(data.rows() * heldOut()); // FitFlags.split: the last rows train validates on
        requireSome(held, data.name(), data.rows());
        Dataset tail = data.slice(data.rows() - held, data.rows());
        return new Dataset(data.name() + " (held out)", tail.values(), tail.rows(), tail.cols(), tail.labels());
    }

    /**
     * The selected rows of streamed data {@code chosen}, read a chunk at a time: the first --limit rows, and of
     * those the ones train holds out (StreamingData's rule: the last fraction, at most 2M values) with --held-out.
     */
    RowReader rows(String chosen) {
        requireValid();
        OutOfMemory.doing("reading the data '" + chosen + "'");
        OutOfMemory.streamed();
        if (StreamProvider.looksProvided(chosen)) {
            return provided(chosen);
        }
        Shards shards = Shards.open(chosen);
        long total = selected(shards.rows());
        long first = first(shards.rows(), shards.cols(), chosen);
        String name = heldOut() != null ? chosen + " (held out)" : chosen;
        return new RowSlice(shards, first, total - first, name);
    }

    /**
     * A provided source ({@code lm:...}) read once in its own order: unshuffled, nothing held out, so its rows come in
     * document order with their origins, as a capture into a store would write them; --limit takes the first rows.
     */
    private RowReader provided(String chosen) {
        if (heldOut() != null) {
            throw new InvalidInputException("--held-out selects the rows train held out of stored data, but data '" + chosen
                    + "' is captured as it is read; give the held-out documents as its text instead (text=FILE).");
        }
        SourceRows rows = new SourceRows(StreamingData.open(chosen, 0, false, 0).train());
        return new RowSlice(rows, 0, selected(rows.rows()), chosen);
    }

    /** Rows after --limit. */
    private long selected(long rows) {
        return limit == null ? rows : Math.min(rows, limit);
    }

    /** The first selected row: 0, or with --held-out the first row train held out. */
    private long first(long rows, int cols, String chosen) {
        long total = selected(rows);
        if (heldOut() == null) {
            return 0;
        }
        long held = StreamingData.heldOutRows(total, cols, heldOut());
        requireSome(held, chosen, total);
        return total - held;
    }

    private void requireValid() {
        if (limit != null && limit <= 0) {
            throw new InvalidInputException("--limit is " + limit + "; expected a positive number of samples.");
        }
        Double f = heldOut();
        if (f != null && !(f > 0 && f < 1)) {
            throw new InvalidInputException("--held-out is " + f + "; expected the fraction train held out "
                    + "(its --validation-split), between 0 and 1.");
        }
    }

    private void requireSome(long held, String name, long rows) {
        if (held == 0) {
            throw new InvalidInputException(String.format(Locale.ROOT, "Data '%s' has %d rows, of which train holds out "
                    + "none at --held-out %s; expected a larger fraction or more rows.", name, rows, heldOut()));
        }
    }

    /** Reads every row of {@code rows} into memory, or says in one sentence that they do not fit. */
    private static Dataset inMemory(RowReader rows) {
        long values = rows.rows() * rows.cols();
        // A quarter of the heap: the command then needs room for the model and its outputs beside the data.
        long fits = Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 4 / Float.BYTES);
        if (values > fits) {
            throw new InvalidInputException(String.format(Locale.ROOT, "Data '%s' selects %,d rows of %d values (%,d MB "
                    + "as float32), more than this command holds in memory with a %,d MB heap; expected fewer rows: "
                    + "give --limit N or --held-out, or raise -Xmx.", rows.name(), rows.rows(), rows.cols(),
                    values * Float.BYTES >> 20, Runtime.getRuntime().maxMemory() >> 20));
        }
        float[] v = new float[(int) values];
        int chunk = Math.max(1, (1 << 20) / rows.cols());
        for (long r = 0; r < rows.rows(); r += chunk) {
            int n = (int) Math.min(chunk, rows.rows() - r);
            rows.read(r, n, v, (int) (r * rows.cols()));
        }
        return new Dataset(rows.name(), v, (int) rows.rows(), rows.cols());
    }

    /** {@code --held-out [F]}: for the commands that score or encode data train was given. */
    static final class HeldOut extends DataOptions {
        @Option(names = "--held-out", arity = "0..1", fallbackValue = "0.1", paramLabel = "F",
                description = {"Only the rows train held out of --data at",
                        "  --validation-split F (default 0.1): the last F",
                        "  (of a streamed source at most 2M values)."})
        Double fraction;

        @Override
        Double heldOut() {
            return fraction;
        }
    }
}
