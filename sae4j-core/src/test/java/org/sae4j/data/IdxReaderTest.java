package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sae4j.data.Fixtures.floatsBigEndian;
import static org.sae4j.data.Fixtures.gzip;
import static org.sae4j.data.Fixtures.idx;
import static org.sae4j.data.Fixtures.ubytes;
import static org.sae4j.data.Fixtures.userError;
import static org.sae4j.data.Fixtures.write;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final byte[] IMAGES = idx(0x08, new int[] {3, 2, 2}, ubytes(0, 1, 2, 3, 4, 5, 6, 7, 255, 254, 253, 128));

    @Test
    void readsRawUnsignedBytesFlatteningTrailingDims() {
        Path file = write(dir, "imgs-idx3-ubyte", IMAGES);
        Dataset d = IdxReader.readImages(file);
        assertEquals(3, d.rows());
        assertEquals(4, d.cols());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 255, 254, 253, 128}, d.values());
        assertEquals(file.toString(), d.name());
        assertNull(d.labels());
    }

    @Test
    void detectsGzipByContentNotName() {
        Dataset d = IdxReader.readImages(write(dir, "no-extension", gzip(IMAGES)));
        assertEquals(3, d.rows());
        assertEquals(255f, d.values()[8]);
    }

    @Test
    void readsBigEndianFloatsAndSignedTypes() {
        Dataset floats = IdxReader.readImages(write(dir, "f", idx(0x0D, new int[] {2, 1}, floatsBigEndian(1.5f, -2.25f))));
        assertArrayEquals(new float[] {1.5f, -2.25f}, floats.values());
        Dataset signed = IdxReader.readImages(write(dir, "b", idx(0x09, new int[] {1, 2}, ubytes(-1, 127))));
        assertArrayEquals(new float[] {-1, 127}, signed.values());
        Dataset shorts = IdxReader.readImages(write(dir, "s", idx(0x0B, new int[] {1, 1}, ubytes(0x01, 0x02))));
        assertArrayEquals(new float[] {258}, shorts.values());
    }

    @Test
    void readsLabelsFromFileAndStream() {
        byte[] labels = idx(0x08, new int[] {4}, ubytes(9, 0, 3, 7));
        assertArrayEquals(new int[] {9, 0, 3, 7}, IdxReader.readLabels(write(dir, "labels", gzip(labels))));
        assertArrayEquals(new int[] {9, 0, 3, 7}, IdxReader.readLabels(new ByteArrayInputStream(labels), "res"));
    }

    @Test
    void readsImagesFromStream() {
        Dataset d = IdxReader.readImages(new ByteArrayInputStream(gzip(IMAGES)), "resource");
        assertEquals("resource", d.name());
        assertEquals(12, d.values().length);
    }

    @Test
    void rejectsMissingFile() {
        Path file = dir.resolve("absent.gz");
        userError(() -> IdxReader.readImages(file), "File '" + file + "' does not exist.");
    }

    @Test
    void rejectsBadMagic() {
        Path file = write(dir, "x.idx", "PK\u0003\u0004 not idx");
        userError(() -> IdxReader.readImages(file), "File '" + file + "'", "50 4B 03 04", "expected an IDX magic number");
    }

    @Test
    void rejectsEmptyFile() {
        Path file = write(dir, "empty", new byte[0]);
        userError(() -> IdxReader.readImages(file), "File '" + file + "'", "empty", "expected an IDX magic number");
    }

    @Test
    void rejectsUnknownTypeCode() {
        Path file = write(dir, "t", idx(0x07, new int[] {1, 1}, ubytes(0)));
        userError(() -> IdxReader.readImages(file), "File '" + file + "'", "type code 0x07", "expected 0x08");
    }

    @Test
    void rejectsZeroRank() {
        Path file = write(dir, "r", idx(0x08, new int[0], ubytes()));
        userError(() -> IdxReader.readImages(file), "File '" + file + "'", "0 dimensions", "expected at least 1");
    }

    @Test
    void rejectsZeroAndNegativeDims() {
        Path zero = write(dir, "z", idx(0x08, new int[] {0, 4}, ubytes()));
        userError(() -> IdxReader.readImages(zero), "File '" + zero + "'", "dimension 1 has size 0", "expected a positive size");
        Path negative = write(dir, "n", idx(0x08, new int[] {2, -3}, ubytes()));
        userError(() -> IdxReader.readImages(negative), "dimension 2 has size -3", "expected a positive size");
    }

    @Test
    void rejectsHeaderCutShort() {
        byte[] cut = Arrays.copyOf(IMAGES, 9);
        Path file = write(dir, "h", cut);
        userError(() -> IdxReader.readImages(file), "File '" + file + "'", "ends inside its header", "expected 3 dimension sizes");
    }

    @Test
    void rejectsTruncatedDataNamingExpectedAndFound() {
        Path file = write(dir, "cut", Arrays.copyOf(IMAGES, IMAGES.length - 2));
        userError(() -> IdxReader.readImages(file), "File '" + file + "' is truncated", "expected 12 values",
                "3 x 2 x 2", "found 10");
        Path floats = write(dir, "cutf", idx(0x0D, new int[] {2, 1}, Arrays.copyOf(floatsBigEndian(1f, 2f), 7)));
        userError(() -> IdxReader.readImages(floats), "expected 2 values", "found 1");
    }

    @Test
    void rejectsTrailingGarbage() {
        byte[] longer = Arrays.copyOf(IMAGES, IMAGES.length + 3);
        Path file = write(dir, "long", longer);
        userError(() -> IdxReader.readImages(file), "File '" + file + "' has extra bytes after its 12 values",
                "expected the file to end there");
    }

    @Test
    void rejectsTruncatedGzip() {
        byte[] gz = gzip(IMAGES);
        Path file = write(dir, "cut.gz", Arrays.copyOf(gz, gz.length - 10));
        userError(() -> IdxReader.readImages(file), "File '" + file + "' is a damaged or truncated gzip stream",
                "expected a complete .gz file");
    }

    @Test
    void rejectsWrongRankForEachKind() {
        Path labels = write(dir, "labels", idx(0x08, new int[] {2}, ubytes(1, 2)));
        userError(() -> IdxReader.readImages(labels), "File '" + labels + "' has 1 dimension", "expected an image file");
        Path images = write(dir, "images", IMAGES);
        userError(() -> IdxReader.readLabels(images), "File '" + images + "' has 3 dimensions", "expected a label file");
        Path floatLabels = write(dir, "fl", idx(0x0D, new int[] {1}, floatsBigEndian(1f)));
        userError(() -> IdxReader.readLabels(floatLabels), "32-bit float", "expected integer labels");
    }

    @Test
    void rejectsDirectory() {
        userError(() -> IdxReader.readImages(dir), "File '" + dir + "' is a directory");
    }
}
