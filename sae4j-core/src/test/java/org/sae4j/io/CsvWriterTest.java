package org.sae4j.io;

import org.sae4j.data.CsvReader;
import org.sae4j.data.Dataset;
import org.sae4j.data.Fixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsFloatsExactlyWithHeader() throws IOException {
        float[] values = {0.1f, -0f, 1e-45f, Float.MAX_VALUE, 3f, (float) Math.PI};
        Path file = dir.resolve("codes.csv");
        CsvWriter.write(file, values, 2, 3, CsvWriter.numberedHeader("code", 3));
        assertEquals("code_0,code_1,code_2", Files.readAllLines(file).get(0));
        Dataset back = CsvReader.read(file);
        assertEquals(2, back.rows());
        assertArrayEquals(values, back.values());
    }

    @Test
    void writesWithoutHeader() throws IOException {
        Path file = dir.resolve("plain.csv");
        CsvWriter.write(file, new Dataset("d", new float[] {1, 2}, 1, 2), null);
        assertEquals(List.of("1.0,2.0"), Files.readAllLines(file));
    }

    @Test
    void reportsUnwritablePath() throws Exception {
        Path file = Files.createFile(dir.resolve("a-file")).resolve("out.csv");
        Fixtures.userError(() -> CsvWriter.write(file, new float[] {1}, 1, 1, null),
                "File '" + file + "' could not be written");
    }
}
