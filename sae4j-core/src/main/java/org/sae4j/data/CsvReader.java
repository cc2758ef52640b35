package org.sae4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.sae4j.InvalidInputException;

/**
 * Reads a numeric CSV file: one sample per line, comma-separated, an optional header. Errors count
 * "row" as data rows (as {@link Dataset#requireFinite} does) and add the file line for editors.
 */
public final class CsvReader {

    /**
     * Plain decimal numbers only. {@link Float#parseFloat} alone would also take "1f", "0x1p3" or
     * "Infinity", which in a CSV are more likely mistakes than intended numbers.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CsvReader() {
    }

    public static Dataset read(Path path) {
        String name = path.toString();
        // Strict decoding: a binary file passed by mistake should fail here, not as a garbled cell.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(DataFiles.open(path), decoder)) {
            return read(reader, name);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("File '" + name + "' is not UTF-8 text; expected a CSV file of numbers.", e);
        } catch (IOException e) {
            throw DataFiles.unreadable(name, e);
        }
    }

    /** As {@link #read(Path)} for any character source; {@code name} is used in errors and as the dataset name. */
    public static Dataset read(Reader source, String name) throws IOException {
        BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source, 1 << 16);
        FloatList values = new FloatList();
        int cols = -1;
        int rows = 0;
        int widthLine = 0;
        boolean header = false;
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // Excel writes a byte-order mark
            }
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cols < 0) {
                cols = cells.length;
                widthLine = lineNo;
                if (!allNumbers(cells)) {
                    header = true;
                    continue;
                }
            } else if (cells.length != cols) {
                throw new InvalidInputException(String.format("File '%s' row %d (line %d) has %d columns; "
                        + "expected %d like %s on line %d.", name, rows + 1, lineNo, cells.length, cols,
                        header ? "the header" : "row 1", widthLine));
            }
            rows++;
            for (int c = 0; c < cells.length; c++) {
                values.add(parse(cells[c].strip(), name, rows, lineNo, c + 1));
            }
        }
        if (cols < 0) {
            throw new InvalidInputException("File '" + name + "' is empty; expected rows of comma-separated numbers.");
        }
        if (rows == 0) {
            throw new InvalidInputException("File '" + name + "' has a header but no data rows; "
                    + "expected at least one row of numbers.");
        }
        return new Dataset(name, values.toArray(), rows, cols).requireFinite();
    }

    private static boolean allNumbers(String[] cells) {
        for (String cell : cells) {
            String s = cell.strip();
            if (!NUMBER.matcher(s).matches() && !NON_FINITE.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    private static float parse(String cell, String name, int row, int line, int col) {
        if (NUMBER.matcher(cell).matches()) {
            float v = Float.parseFloat(cell);
            if (Float.isFinite(v)) {
                return v;
            }
            throw new InvalidInputException(String.format("File '%s' row %d (line %d), column %d holds '%s', "
                    + "which overflows a 32-bit float; expected a finite number.", name, row, line, col, cell));
        }
        if (NON_FINITE.matcher(cell).matches()) {
            throw new InvalidInputException(String.format("File '%s' row %d (line %d), column %d holds '%s'; "
                    + "expected a finite number.", name, row, line, col, clip(cell)));
        }
        String what = cell.isEmpty() ? "is empty" : "holds '" + clip(cell) + "'";
        // Tab- or semicolon-separated files land a whole row in one cell; say so rather than just "not a number".
        String hint = cell.matches(".*[0-9][\\t; ]+[0-9].*") ? " (cells must be separated by commas)" : "";
        throw new InvalidInputException(String.format("File '%s' row %d (line %d), column %d %s; expected a number%s.",
                name, row, line, col, what, hint));
    }

    /** Keeps messages one readable line even when a whole tab-separated row lands in one cell. */
    private static String clip(String cell) {
        String visible = cell.replace("\t", "\\t");
        return visible.length() <= 40 ? visible : visible.substring(0, 37) + "...";
    }
}
