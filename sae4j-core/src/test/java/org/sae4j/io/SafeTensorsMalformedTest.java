package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.InvalidInputException;

class SafeTensorsMalformedTest {
    @TempDir
    Path dir;

    private static final String OK_ENTRY = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    /** Reads {@code file} expecting a one-sentence error that names the file and contains {@code problem}. */
    private static void fails(Path file, String problem) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafeTensors.read(file));
        String m = e.getMessage();
        assertTrue(m.contains("'" + file + "'"), "message should name the file: " + m);
        assertTrue(m.contains(problem), "message should mention '" + problem + "': " + m);
        assertTrue(m.endsWith("."), "message should be a sentence: " + m);
        assertTrue(!m.contains("\n"), "message should be one line: " + m);
    }

    private Path header(String json, int dataBytes) throws Exception {
        return Crafted.file(dir, "bad.safetensors", json, new byte[dataBytes]);
    }

    @Test
    void missingFile() {
        fails(dir.resolve("nope.safetensors"), "does not exist");
    }

    @Test
    void directory() {
        fails(dir, "is a directory");
    }

    @Test
    void shorterThanEightBytes() throws Exception {
        Path f = dir.resolve("short.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        fails(f, "is 3 bytes long");
        Files.write(f, new byte[0]);
        fails(f, "is 0 bytes long");
    }

    @Test
    void headerLengthPastEndOfFile() throws Exception {
        fails(Crafted.raw(dir, "b.safetensors", 1000, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
                "declares a 1000-byte header but only 2 bytes follow");
    }

    @Test
    void absurdHeaderLength() throws Exception {
        fails(Crafted.raw(dir, "b.safetensors", 200_000_000L, new byte[16], new byte[0]), "200000000-byte header");
        fails(Crafted.raw(dir, "c.safetensors", -1L, new byte[16], new byte[0]), "18446744073709551615-byte header");
    }

    @Test
    void headerNotJson() throws Exception {
        fails(header("{\"a\": ", 0), "not valid JSON");
        fails(header("not json at all!", 0), "not valid JSON");
        fails(header("{} trailing", 0), "not valid JSON");
        fails(header("{\"a\":" + OK_ENTRY + ",\"a\":" + OK_ENTRY + "}", 8), "Duplicate");
    }

    @Test
    void headerNotAnObject() throws Exception {
        fails(header("[1, 2]", 0), "is a JSON array; expected a JSON object");
        fails(header("        ", 0), "expected a JSON object");
    }

    @Test
    void entryMissingFields() throws Exception {
        fails(header("{\"W\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "Tensor 'W' in file");
        fails(header("{\"W\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "has no dtype");
        fails(header("{\"W\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8), "has no shape");
        fails(header("{\"W\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "has no data_offsets");
        fails(header("{\"W\":5}", 8), "expected an object with dtype, shape and data_offsets");
    }

    @Test
    void badFieldValues() throws Exception {
        fails(header("{\"W\":{\"dtype\":7,\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "has dtype 7");
        fails(header("{\"W\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "has shape [-2]");
        fails(header("{\"W\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8), "has shape [2.5]");
        fails(header("{\"W\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}}", 8), "has shape \"2\"");
        fails(header("{\"W\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8), "has data_offsets [0]");
        fails(header("{\"W\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "end before they begin");
    }

    @Test
    void unsupportedDtype() throws Exception {
        fails(header("{\"W\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2),
                "unsupported dtype 'U8'; expected one of F32, F64, F16, BF16, I32, I64");
    }

    @Test
    void offsetsOutOfBounds() throws Exception {
        fails(header("{\"W\":" + OK_ENTRY + "}", 4), "past the end of the 4-byte data buffer");
    }

    @Test
    void offsetsNotMatchingShape() throws Exception {
        fails(header("{\"W\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                "covering 8 bytes; expected 12 bytes for shape [3] of F32");
        fails(header("{\"W\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,4]}}", 4),
                "expected 8 bytes for shape [2, 2] of F16");
    }

    @Test
    void overlapsAndHoles() throws Exception {
        fails(header("{\"A\":" + OK_ENTRY + ",\"B\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
                "overlap");
        fails(header("{\"A\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "4-byte gap");
        fails(header("{\"A\":" + OK_ENTRY + "}", 12), "4 bytes after its last tensor");
    }

    @Test
    void nonStringMetadata() throws Exception {
        fails(header("{\"__metadata__\":{\"format\":\"pt\",\"epoch\":3}}", 0),
                "metadata key 'epoch' with value 3; expected a string");
        fails(header("{\"__metadata__\":[\"x\"]}", 0), "__metadata__ header entry");
    }
}
