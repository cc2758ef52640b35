package org.sae4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;
import org.sae4j.InvalidInputException;
import org.sae4j.IoErrors;
import org.sae4j.data.Origins;
import org.sae4j.data.RowReader;
import org.sae4j.data.StreamProvider;
import org.sae4j.data.store.ActivationStore;
import org.sae4j.data.store.Vocabulary;
import org.sae4j.io.AtomicFiles;
import org.sae4j.lm.LanguageModel;
import org.sae4j.lm.source.LmSpec;

/**
 * encode's {@code FILE.origins.csv} beside the codes of rows that are tokens (an activation store, or {@code --data
 * lm:...}): one line per encoded row, {@code row,doc,position,token_id,token}, the token as its tokenizer.json piece.
 * The lines are written as encode reads the rows, from the origins the reader gives with them, so nothing is held in
 * memory; the file appears (atomically) only once the codes are written.
 */
final class OriginsCsv {
    static final String HEADER = "row,doc,position,token_id,token\n";

    private OriginsCsv() {
    }

    /** codes.npy → codes.origins.csv, beside it. */
    static Path pathFor(Path codes) {
        String file = codes.getFileName().toString();
        return codes.resolveSibling(file.substring(0, file.lastIndexOf('.')) + ".origins.csv");
    }

    /** Runs {@code encode} over {@code rows} as seen through a reader that writes each row's origin to {@code file}. */
    static <T> T write(Path file, String chosen, RowReader rows, Function<RowReader, T> encode) {
        Vocabulary vocab = vocabulary(chosen);
        Object[] result = new Object[1];
        try {
            AtomicFiles.write(file, stream -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                w.write(HEADER);
                result[0] = encode.apply(new Tap(rows, w, vocab));
                w.flush();
            });
        } catch (IOException e) {
            throw new InvalidInputException("File '" + file + "' could not be written (" + IoErrors.reason(e) + ").", e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("File '" + file + "' could not be written (" + IoErrors.reason(e.getCause()) + ").", e);
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** The tokenizer of a store (its tokenizer.json) or of an lm: source's model; null when there is none. */
    private static Vocabulary vocabulary(String chosen) {
        if (StreamProvider.looksProvided(chosen)) {
            LmSpec s = LmSpec.parse(chosen);
            LanguageModel m = LanguageModel.load(s.model(), s.tokenizer());
            return Vocabulary.parse(m.tokenizerName(), m.tokenizer());
        }
        Path t = ActivationStore.isStore(Path.of(chosen)) ? ActivationStore.open(Path.of(chosen)).tokenizer() : null;
        return t == null ? null : Vocabulary.read(t);
    }

    /** Reads rows in order, each once, writing the origin of each as it goes. */
    private static final class Tap implements RowReader {
        private final RowReader rows;
        private final Writer out;
        private final Vocabulary vocab;
        private long next;

        Tap(RowReader rows, Writer out, Vocabulary vocab) {
            this.rows = rows;
            this.out = out;
            this.vocab = vocab;
        }

        @Override
        public String name() {
            return rows.name();
        }

        @Override
        public long rows() {
            return rows.rows();
        }

        @Override
        public int cols() {
            return rows.cols();
        }

        @Override
        public void read(long row, int n, float[] x, int offset) {
            if (row != next) {
                throw new IllegalStateException("encode reads rows in order: row " + row + " asked, " + next + " next");
            }
            rows.read(row, n, x, offset);
            Origins o = Origins.of(n);
            rows.readOrigins(row, n, o, 0);
            StringBuilder sb = new StringBuilder(n * 24);
            for (int i = 0; i < n; i++) {
                int t = o.tokens()[i];
                String piece = vocab == null || t < 0 || t >= vocab.size() ? null : vocab.piece(t);
                sb.append(row + i).append(',').append(o.docs()[i]).append(',').append(o.positions()[i]).append(',').append(t)
                        .append(',');
                if (piece != null) {
                    sb.append('"').append(piece.replace("\"", "\"\"")).append('"');
                }
                sb.append('\n');
            }
            try {
                out.write(sb.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            next = row + n;
        }
    }
}
