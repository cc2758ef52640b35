package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsHeaderBlankLinesAndWhitespace() {
        Path file = write(dir, "x.csv", "\uFEFFa, b ,c\n\n 1, 2.5 ,-3e2\r\n  \n4,.5,+6\n");
        Dataset d = CsvReader.read(file);
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertArrayEquals(new float[] {1, 2.5f, -300, 4, 0.5f, 6}, d.values());
        assertEquals(file.toString(), d.name());
    }

    @Test
    void readsWithoutHeader() {
        Dataset d = CsvReader.read(write(dir, "y.csv", "0,1\n2,3"));
        assertEquals(2, d.rows());
        assertArrayEquals(new float[] {0, 1, 2, 3}, d.values());
    }

    @Test
    void rejectsRaggedRowNamingRowLineAndWidth() {
        Path file = write(dir, "r.csv", "1,2,3\n4,5,6\n\n7,8\n");
        userError(() -> CsvReader.read(file), "File '" + file + "' row 3 (line 4) has 2 columns",
                "expected 3 like row 1");
        Path withHeader = write(dir, "h.csv", "a,b\n1,2,3\n");
        userError(() -> CsvReader.read(withHeader), "row 1 (line 2) has 3 columns", "expected 2 like the header");
    }

    @Test
    void rejectsNonNumericCellNamingRowColumnAndText() {
        Path file = write(dir, "n.csv", "1,2\n3,abc\n");
        userError(() -> CsvReader.read(file), "File '" + file + "' row 2 (line 2), column 2 holds 'abc'",
                "expected a number");
        Path suffixed = write(dir, "f.csv", "x,y\n1,2f\n");
        userError(() -> CsvReader.read(suffixed), "row 1 (line 2), column 2 holds '2f'");
    }

    @Test
    void rejectsEmptyCell() {
        Path file = write(dir, "e.csv", "1,2\n3,\n");
        userError(() -> CsvReader.read(file), "row 2 (line 2), column 2 is empty", "expected a number");
    }

    @Test
    void rejectsEmptyFileAndHeaderOnly() {
        Path empty = write(dir, "empty.csv", "\n  \n");
        userError(() -> CsvReader.read(empty), "File '" + empty + "' is empty", "expected rows of comma-separated numbers");
        Path header = write(dir, "header.csv", "a,b\n");
        userError(() -> CsvReader.read(header), "File '" + header + "' has a header but no data rows");
    }

    @Test
    void reportsNaNAndInfinityWithRowAndColumn() {
        Path nan = write(dir, "nan.csv", "a,b,c\n1,2,3\n4,NaN,6\n");
        userError(() -> CsvReader.read(nan), "File '" + nan + "' row 2 (line 3), column 2 holds 'NaN'",
                "expected a finite number");
        Path inf = write(dir, "inf.csv", "1,-inf\n");
        userError(() -> CsvReader.read(inf), "row 1 (line 1), column 2 holds '-inf'", "expected a finite number");
        Path overflow = write(dir, "big.csv", "1e40,1\n");
        userError(() -> CsvReader.read(overflow), "row 1 (line 1), column 1 holds '1e40'", "overflows");
    }

    @Test
    void rejectsMissingAndBinaryFiles() {
        Path missing = dir.resolve("missing.csv");
        userError(() -> CsvReader.read(missing), "File '" + missing + "' does not exist.");
        Path binary = Fixtures.write(dir, "bin.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        userError(() -> CsvReader.read(binary), "File '" + binary + "' is not UTF-8 text");
    }

    @Test
    void explainsTabSeparatedRowsInShortMessages() {
        String row = "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20\n";
        Path tabs = write(dir, "tabs.csv", row + row);
        String message = userError(() -> CsvReader.read(tabs), "row 1 (line 2), column 1 holds '1\\t2\\t3",
                "...", "cells must be separated by commas");
        assertEquals(true, message.length() < 200, message);
    }
}
