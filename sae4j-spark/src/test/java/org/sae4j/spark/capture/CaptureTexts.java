package org.sae4j.spark.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.data.Shards;
import org.sae4j.data.store.ActivationStore;

/**
 * The capture tests' text and their reference, {@code sae4j capture}'s store of it: MiniLM layer 1, pruned, context
 * 16 (long documents span several windows), batch 2 (chunks of 16 windows, so a partition runs several chunks and
 * ONNX Runtime sees other batch shapes than the single-machine run).
 */
public final class CaptureTexts {
    public static final String[] FLAGS = {"--layer", "1", "--context", "16", "--batch", "2"};

    private CaptureTexts() {
    }

    /** The reference: a store's rows as core reads them. */
    public record Expected(long rows, int d, float[] values, ActivationStore.Provenance p, ActivationStore store) {
        public static Expected of(Path dir) {
            ActivationStore s = ActivationStore.open(dir);
            int n = (int) s.rows();
            try (Shards shards = Shards.open(s.activationsSpec())) {
                float[] v = new float[n * shards.cols()];
                shards.read(0, n, v, 0);
                return new Expected(n, shards.cols(), v, s.provenance(0, n), s);
            }
        }
    }

    /** 14 documents, every third long enough for several windows, with blank lines that are not documents. */
    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            lines.add("Document " + i + " tells of hack number " + i
                    + (i % 3 == 0 ? ", which was long and winding through the machine room. ".repeat(3) : "."));
            if (i % 5 == 1) {
                lines.add("   "); // not a document, to sae4j capture nor here
            }
        }
        return lines;
    }

    /** The texts as {@code dir}/docs.txt, one document per line. */
    public static Path write(Path dir) throws java.io.IOException {
        Path f = dir.resolve("docs.txt");
        if (!Files.exists(f)) {
            Files.write(f, lines());
        }
        return f;
    }

    /** The store {@code sae4j capture} writes of {@code text} into {@code out}, with {@link #FLAGS} and {@code more}. */
    public static Expected sae4jCapture(Path text, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("capture", "--text", text.toString(), "-q", "--out", out.toString()));
        args.addAll(List.of(FLAGS));
        args.addAll(List.of(more));
        StringWriter err = new StringWriter();
        int code = org.sae4j.cli.Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args.toArray(new String[0]));
        assertEquals(0, code, err.toString());
        return Expected.of(out);
    }
}
